/// A table view's contents: the items its rows are made of and the columns that show them.
protocol TableDefinition {
    associatedtype Item
    static var columns: [TableColumn<Item>] { get }
    static func items(in data: DashboardData, glyphs: Glyphs) -> [Item]
    /// The backend an item is about, for `K` (nil: none).
    static func pid(of item: Item) -> Int32?
}

extension TableDefinition {
    static func pid(of item: Item) -> Int32? { nil }

    static var headings: [ColumnHeading] { columns.map(\.heading) }

    static func rows(in data: DashboardData, glyphs: Glyphs) -> [TableRow] {
        items(in: data, glyphs: glyphs).map { TableRow($0, columns: columns, pid: pid(of: $0)) }
    }
}
