/// How a column is laid out and first sorted, whatever its rows hold: what the views and keys need.
struct ColumnHeading: Sendable, Equatable {
    var title: String
    var width: Int
    var alignRight = false
    /// Sort biggest first when this column is chosen (counts, durations).
    var descendingFirst = false
    /// Takes the width left over by the other columns (at most one per table).
    var flexible = false
}

/// One column of a table view, described once: its heading, and how an item fills its cell, sorts and is
/// coloured (a nil role leaves the row's).
struct TableColumn<Item>: Sendable {
    var heading: ColumnHeading
    var cell: @Sendable (Item) -> String
    var sortKey: @Sendable (Item) -> SortKey
    var role: @Sendable (Item) -> Role?

    init(
        _ title: String, width: Int, alignRight: Bool = false, descendingFirst: Bool = false, flexible: Bool = false,
        cell: @escaping @Sendable (Item) -> String, sortKey: @escaping @Sendable (Item) -> SortKey,
        role: @escaping @Sendable (Item) -> Role? = { _ in nil }
    ) {
        heading = ColumnHeading(title: title, width: width, alignRight: alignRight, descendingFirst: descendingFirst, flexible: flexible)
        self.cell = cell
        self.sortKey = sortKey
        self.role = role
    }
}
