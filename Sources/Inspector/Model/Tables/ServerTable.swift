import Workload

/// The server view: one row per client backend in pg_stat_activity, the pool's own marked.
enum ServerTable: TableDefinition {
    struct Item {
        var backend: ServerSnapshot.Backend
        /// The backend is one of the pool's connections.
        var isOurs: Bool
    }

    static func items(in data: DashboardData, glyphs: Glyphs) -> [Item] {
        let ours = Set(data.pool.slots.compactMap(\.backendPID))
        return data.server.backends.map { Item(backend: $0, isOurs: ours.contains($0.pid)) }
    }

    static func pid(of item: Item) -> Int32? { item.backend.pid }

    static let columns: [TableColumn<Item>] = [
        TableColumn("PID", width: 7, alignRight: true, cell: { "\($0.backend.pid)" }, sortKey: { .number(Double($0.backend.pid)) }),
        TableColumn(
            "POOL", width: 4, cell: { $0.isOurs ? "yes" : "" }, sortKey: { .text($0.isOurs ? "a" : "b") },
            role: { $0.isOurs ? .accent : nil }),
        TableColumn("APPLICATION", width: 14, cell: { $0.backend.applicationName }, sortKey: { .text($0.backend.applicationName) }),
        TableColumn(
            "STATE", width: 12, cell: { $0.backend.state }, sortKey: { .text($0.backend.state) },
            role: { item in
                switch item.backend.state {
                case "active": .inUse
                case "idle": .idle
                case let state where state.hasPrefix("idle in transaction"): .warning
                default: .muted
                }
            }),
        TableColumn(
            "WAIT EVENT", width: 14, cell: { $0.backend.waitEvent ?? "" }, sortKey: { .text($0.backend.waitEvent ?? "") },
            role: { $0.backend.waitEvent == nil ? nil : .warning }),
        TableColumn(
            "DURATION", width: 8, alignRight: true, descendingFirst: true, cell: { Format.duration($0.backend.queryFor) },
            sortKey: { .number($0.backend.queryFor.map(\.seconds) ?? -1) }),
        TableColumn("QUERY", width: 5, flexible: true, cell: { $0.backend.query }, sortKey: { .text($0.backend.query) }),
    ]
}
