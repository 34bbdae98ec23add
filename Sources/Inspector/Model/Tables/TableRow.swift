/// A value rows are sorted by.
enum SortKey: Sendable, Comparable {
    case number(Double)
    case text(String)
}

/// One row of a table view, already formatted: a cell, a sort key and a role for each column, in column order.
struct TableRow: Sendable, Equatable {
    var cells: [String]
    var sortKeys: [SortKey]
    /// Per-cell roles (nil: the row's role).
    var cellRoles: [Role?]
    var role: Role = .text
    /// The backend this row is about, for `K`.
    var pid: Int32?

    /// The row `columns` make of `item`.
    init<Item>(_ item: Item, columns: [TableColumn<Item>], pid: Int32? = nil) {
        cells = columns.map { $0.cell(item) }
        sortKeys = columns.map { $0.sortKey(item) }
        cellRoles = columns.map { $0.role(item) }
        self.pid = pid
    }

    /// Whether `filter` appears, ignoring case, in the row's text.
    func matches(_ filter: String) -> Bool {
        filter.isEmpty || cells.joined(separator: " ").lowercased().contains(filter.lowercased())
    }
}
