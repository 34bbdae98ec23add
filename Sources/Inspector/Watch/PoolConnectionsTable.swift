import Workload

/// The connections of the pool opened with Enter: one row per backend.
enum PoolConnectionsTable {
    static func rows(of pool: ClientPool) -> [TableRow] {
        pool.backends.map { TableRow($0, columns: columns, pid: $0.pid) }
    }

    static func visibleRows(of pool: ClientPool, table: TableState) -> [TableRow] {
        TableCatalog.sorted(rows(of: pool).filter { $0.matches(table.filter) }, column: table.sortColumn, descending: table.descending)
    }

    static var headings: [ColumnHeading] { columns.map(\.heading) }

    static let columns: [TableColumn<ClientBackend>] = [
        TableColumn("PID", width: 7, alignRight: true, cell: { "\($0.pid)" }, sortKey: { .number(Double($0.pid)) }),
        TableColumn("STATE", width: 20, cell: { $0.state == .hidden ? "hidden" : $0.state.rawValue }, sortKey: { .text($0.state.rawValue) },
                    role: { $0.state.role }),
        TableColumn("WAIT EVENT", width: 18, cell: { $0.waitEvent ?? "" }, sortKey: { .text($0.waitEvent ?? "") },
                    role: { $0.state == .waitingOnLock ? .waiting : nil }),
        TableColumn("XACT AGE", width: 8, alignRight: true, descendingFirst: true, cell: { Format.duration($0.transactionAge) },
                    sortKey: { .number($0.transactionAge?.seconds ?? -1) }),
        TableColumn("QUERY AGE", width: 9, alignRight: true, descendingFirst: true, cell: { Format.duration($0.queryAge) },
                    sortKey: { .number($0.queryAge?.seconds ?? -1) }),
        TableColumn("QUERY", width: 5, flexible: true, cell: { $0.state == .hidden ? "(no pg_read_all_stats)" : $0.query },
                    sortKey: { .text($0.query) }, role: { $0.state == .hidden ? .muted : nil }),
    ]
}
