import Workload

/// The pgbouncer view's pools: one row per SHOW POOLS row, the pools that serve pooltop's own pool marked.
enum PgBouncerPoolsTable: TableDefinition {
    struct Item {
        var pool: PgBouncerPool
        /// pooltop's own connections are clients of this pool.
        var servesPooltop: Bool
    }

    static func items(in data: DashboardData, glyphs: Glyphs) -> [Item] {
        guard let pgbouncer = data.pgbouncer else { return [] }
        let ours = Set(pgbouncer.pools(servingApplication: data.poolApplicationName).map(\.id))
        return pgbouncer.pools.map { Item(pool: $0, servesPooltop: ours.contains($0.id)) }
    }

    private static func count(_ title: String, _ value: @escaping @Sendable (PgBouncerPool) -> Int,
                              role: Role? = nil) -> TableColumn<Item> {
        TableColumn(
            title, width: title.count, alignRight: true, descendingFirst: true, cell: { "\(value($0.pool))" },
            sortKey: { .number(Double(value($0.pool))) }, role: { item in value(item.pool) > 0 ? role : .muted })
    }

    static let columns: [TableColumn<Item>] = [
        TableColumn("DATABASE", width: 8, flexible: true, cell: { $0.pool.database }, sortKey: { .text($0.pool.database) },
                    role: { $0.servesPooltop ? .accent : nil }),
        TableColumn("USER", width: 8, cell: { $0.pool.user }, sortKey: { .text($0.pool.user) }),
        TableColumn("MODE", width: 11, cell: { $0.pool.mode }, sortKey: { .text($0.pool.mode) }, role: { _ in .muted }),
        count("CL_ACT", \.clientsActive, role: .inUse),
        count("CL_WAIT", \.clientsWaiting, role: .waiting),
        count("SV_ACT", \.serversActive, role: .inUse),
        count("SV_IDLE", \.serversIdle, role: .idle),
        count("SV_USED", \.serversUsed, role: .idle),
        count("SV_TEST", \.serversTested, role: .connecting),
        count("SV_LOGIN", \.serversLogin, role: .connecting),
        TableColumn(
            "MAXWAIT", width: 7, alignRight: true, descendingFirst: true, cell: { Format.duration($0.pool.maxWait) },
            sortKey: { .number($0.pool.maxWait.seconds) }, role: { $0.pool.maxWait > .zero ? .waiting : .muted }),
    ]
}
