import Workload

/// The pgbouncer view's server connections, each with the client it serves (SHOW SERVERS joined to SHOW CLIENTS
/// by `link`), then the clients waiting for one.
enum PgBouncerLinksTable: TableDefinition {
    struct Item {
        /// A server connection, or nil for a waiting client's row.
        var server: PgBouncerPeer?
        var client: PgBouncerPeer?
    }

    static func items(in data: DashboardData, glyphs: Glyphs) -> [Item] {
        guard let pgbouncer = data.pgbouncer else { return [] }
        let linked = pgbouncer.links.filter { $0.server.database != PgBouncerSnapshot.adminDatabase }.map { Item(server: $0.server, client: $0.client) }
        // A client a server serves was read waiting a moment before SHOW SERVERS: it waits no more.
        let served = Set(pgbouncer.links.compactMap { $0.client?.pointer })
        let waiting = pgbouncer.clients.filter { $0.state.hasPrefix("waiting") && !served.contains($0.pointer) }
            .sorted { $0.wait > $1.wait }.map { Item(server: nil, client: $0) }
        return linked + waiting
    }

    private static func role(of state: String?) -> Role? {
        switch state {
        case "active": .inUse
        case "idle", "used": .idle
        case .some(let waiting) where waiting.hasPrefix("waiting"): .waiting
        case nil: .muted
        default: .connecting
        }
    }

    private static func address(_ peer: PgBouncerPeer) -> String {
        peer.address.isEmpty || peer.address == "unix" ? "unix:\(peer.remotePID)" : "\(peer.address):\(peer.port)"
    }

    static let columns: [TableColumn<Item>] = [
        TableColumn(
            "BACKEND", width: 7, alignRight: true, cell: { $0.server.map { "\($0.remotePID)" } ?? "-" },
            sortKey: { .number(Double($0.server?.remotePID ?? -1)) }),
        TableColumn(
            "SERVER", width: 7, cell: { $0.server?.state ?? "" }, sortKey: { .text($0.server?.state ?? "") }, role: { role(of: $0.server?.state) }),
        TableColumn(
            "DATABASE/USER", width: 22, cell: { item in (item.server ?? item.client).map { "\($0.database)/\($0.user)" } ?? "" },
            sortKey: { item in .text((item.server ?? item.client).map { "\($0.database)/\($0.user)" } ?? "") }),
        TableColumn(
            "CLIENT", width: 8, cell: { $0.client?.state ?? "" }, sortKey: { .text($0.client?.state ?? "") }, role: { role(of: $0.client?.state) }),
        TableColumn("ADDRESS", width: 21, cell: { $0.client.map(address) ?? "" }, sortKey: { .text($0.client.map(address) ?? "") }),
        TableColumn(
            "WAIT", width: 7, alignRight: true, descendingFirst: true,
            cell: { item in item.client.map { $0.state.hasPrefix("waiting") ? Format.duration($0.wait) : "" } ?? "" },
            sortKey: { .number($0.client?.wait.seconds ?? -1) }, role: { _ in .waiting }),
        TableColumn(
            "APPLICATION", width: 11, flexible: true, cell: { $0.client?.applicationName ?? "" },
            sortKey: { .text($0.client?.applicationName ?? "") }),
    ]
}
