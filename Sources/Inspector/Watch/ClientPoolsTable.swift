import Workload

/// The watch screen's main table: one row per client pool, its connections by state, its oldest transaction
/// and query, and a sparkline of its connections over the last polls.
enum ClientPoolsTable {
    struct Item {
        var pool: ClientPool
        var history: [StateCounts]
        var glyphs: Glyphs
    }

    static let historyWidth = 12
    /// CONNS, the column the table is first sorted by.
    static let connectionsColumn = columns.firstIndex { $0.heading.title == "CONNS" } ?? 0

    static func items(in snapshot: WatchSnapshot, glyphs: Glyphs) -> [Item] {
        snapshot.pools.map { Item(pool: $0, history: snapshot.history[$0.key] ?? [], glyphs: glyphs) }
    }

    /// The pools the table shows (those matching its filter), in its order, each with its row.
    static func visible(in snapshot: WatchSnapshot, table: TableState, glyphs: Glyphs) -> [(pool: ClientPool, row: TableRow)] {
        let items = items(in: snapshot, glyphs: glyphs)
        let kept = items.map { TableRow($0, columns: columns) }.enumerated().filter { $0.element.matches(table.filter) }
        let rows = kept.map(\.element)
        return TableCatalog.sortedIndices(rows, column: table.sortColumn, descending: table.descending).map { (items[kept[$0].offset].pool, rows[$0]) }
    }

    static var headings: [ColumnHeading] { columns.map(\.heading) }

    /// Below this width USER, DATABASE and HISTORY give way, so an 80-column terminal keeps every count.
    static let fullWidth = 115

    /// The headings for a frame `width` wide: the narrow screen's left-out columns have width 0.
    static func headings(width: Int) -> [ColumnHeading] {
        guard width < fullWidth else { return headings }
        return headings.map { heading in
            var heading = heading
            if ["USER", "DATABASE", "HISTORY"].contains(heading.title) { heading.width = 0 }
            if heading.flexible { heading.width = 12 }
            return heading
        }
    }

    private static func count(_ title: String, _ state: ClientState, width: Int) -> TableColumn<Item> {
        TableColumn(
            title, width: width, alignRight: true, descendingFirst: true, cell: { "\($0.pool.counts[state])" },
            sortKey: { .number(Double($0.pool.counts[state])) }, role: { $0.pool.counts[state] > 0 ? state.role : .muted })
    }

    static let columns: [TableColumn<Item>] = [
        TableColumn("APPLICATION", width: 14, flexible: true, cell: { $0.pool.key.application.isEmpty ? "(none)" : $0.pool.key.application },
                    sortKey: { .text($0.pool.key.application) }),
        TableColumn("CLIENT", width: 13, cell: { $0.pool.key.clientAddress.isEmpty ? "?" : $0.pool.key.clientAddress },
                    sortKey: { .text($0.pool.key.clientAddress) }),
        TableColumn("USER", width: 9, cell: { $0.pool.key.user }, sortKey: { .text($0.pool.key.user) }),
        TableColumn("DATABASE", width: 9, cell: { $0.pool.key.database }, sortKey: { .text($0.pool.key.database) }),
        TableColumn("CONNS", width: 5, alignRight: true, descendingFirst: true, cell: { "\($0.pool.counts.total)" },
                    sortKey: { .number(Double($0.pool.counts.total)) }, role: { _ in .header }),
        count("ACT", .active, width: 4),
        count("IDLE", .idle, width: 4),
        count("IN TX", .idleInTransaction, width: 5),
        count("ABORT", .idleInTransactionAborted, width: 5),
        count("LOCK", .waitingOnLock, width: 4),
        count("HIDDEN", .hidden, width: 6),
        TableColumn("XACT", width: 6, alignRight: true, descendingFirst: true, cell: { Format.duration($0.pool.oldestTransaction) },
                    sortKey: { .number($0.pool.oldestTransaction?.seconds ?? -1) }),
        TableColumn("QUERY", width: 6, alignRight: true, descendingFirst: true, cell: { Format.duration($0.pool.oldestQuery) },
                    sortKey: { .number($0.pool.oldestQuery?.seconds ?? -1) }),
        TableColumn("HISTORY", width: historyWidth, descendingFirst: true,
                    cell: { Sparkline.text($0.history.map { Double($0.total) }, width: historyWidth, glyphs: $0.glyphs) },
                    sortKey: { .number(Double($0.history.map(\.total).max() ?? 0)) }, role: { _ in .chart }),
    ]

    /// What the short titles stand for, for the row above the table.
    static func legend(_ glyphs: Glyphs, width: Int) -> String {
        let separator = glyphs.ascii ? " | " : " · "
        let long = ["ACT active", "IN TX idle in transaction", "ABORT aborted tx", "LOCK lock wait", "XACT/QUERY oldest transaction/statement"]
        let short = ["ACT active", "IN TX idle in tx", "ABORT aborted", "LOCK lock wait", "XACT/QUERY oldest"]
        let text = long.joined(separator: separator)
        return text.count <= width ? text : short.joined(separator: separator)
    }
}
