/// The three table views by kind: their headings and rows, filtered and sorted as the user asked.
enum TableCatalog {
    static func headings(for view: ViewKind) -> [ColumnHeading] {
        switch view {
        case .connections: ConnectionsTable.headings
        case .workers: WorkersTable.headings
        case .server: ServerTable.headings
        case .dashboard, .console, .pgbouncer: []
        }
    }

    static func rows(for view: ViewKind, data: DashboardData, glyphs: Glyphs) -> [TableRow] {
        switch view {
        case .connections: ConnectionsTable.rows(in: data, glyphs: glyphs)
        case .workers: WorkersTable.rows(in: data, glyphs: glyphs)
        case .server: ServerTable.rows(in: data, glyphs: glyphs)
        case .dashboard, .console, .pgbouncer: []
        }
    }

    /// The rows the user sees: filtered, then sorted by the chosen column (stable).
    static func visibleRows(for view: ViewKind, data: DashboardData, table: TableState, glyphs: Glyphs) -> [TableRow] {
        let filtered = rows(for: view, data: data, glyphs: glyphs).filter { $0.matches(table.filter) }
        return sorted(filtered, column: table.sortColumn, descending: table.descending)
    }

    static func sorted(_ rows: [TableRow], column: Int, descending: Bool) -> [TableRow] {
        sortedIndices(rows, column: column, descending: descending).map { rows[$0] }
    }

    /// The rows' positions in sorted order (stable), for a view that keeps the items behind its rows.
    static func sortedIndices(_ rows: [TableRow], column: Int, descending: Bool) -> [Int] {
        rows.enumerated().sorted { a, b in
            guard a.element.sortKeys.indices.contains(column), b.element.sortKeys.indices.contains(column) else {
                return a.offset < b.offset
            }
            let left = a.element.sortKeys[column]
            let right = b.element.sortKeys[column]
            if left == right { return a.offset < b.offset }
            return descending ? left > right : left < right
        }.map(\.offset)
    }
}
