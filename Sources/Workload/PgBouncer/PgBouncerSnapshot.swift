/// pgbouncer as its admin console shows it: the pools, the clients and the server connections joined by their
/// links, and the totals over time; or why it cannot be seen.
public struct PgBouncerSnapshot: Sendable, Equatable {
    /// E.g. "PgBouncer 1.18.0"; kept across outages.
    public var version: String?
    /// Every pool SHOW POOLS lists, the admin console's own (`pgbouncer`) included.
    public var pools: [PgBouncerPool]
    public var clients: [PgBouncerPeer]
    /// Every server connection, with the client it serves.
    public var links: [PgBouncerLink]
    /// The totals over the pools, one per poll, oldest first (bounded by the monitor).
    public var samples: [PgBouncerSample]
    /// Set when the view is degraded: the reason, e.g. "n/a: pgbouncer unreachable — connection refused".
    public var unavailable: String?
    /// Whether the monitor reaches the admin console (on the monitor's clock until the source shifts it).
    public var reachability: ServerReachability

    public init(
        version: String? = nil, pools: [PgBouncerPool] = [], clients: [PgBouncerPeer] = [], links: [PgBouncerLink] = [],
        samples: [PgBouncerSample] = [], unavailable: String? = nil, reachability: ServerReachability = .unknown
    ) {
        self.version = version
        self.pools = pools
        self.clients = clients
        self.links = links
        self.samples = samples
        self.unavailable = unavailable
        self.reachability = reachability
    }

    /// The pools that serve clients named `applicationName` (pooltop's own pool, when it runs through this pgbouncer:
    /// the name its connections sent, `LoadSession.applicationName`), also when pgbouncer's `application_name_add_host`
    /// appended " - host:port" to it.
    public func pools(servingApplication applicationName: String) -> [PgBouncerPool] {
        let ours = clients.filter { $0.applicationName == applicationName || $0.applicationName.hasPrefix(applicationName + " - ") }
        let served = Set(ours.map { PoolKey(database: $0.database, user: $0.user) })
        return pools.filter { served.contains(PoolKey(database: $0.database, user: $0.user)) }
    }

    /// The pools of the databases pgbouncer serves, without the admin console's own.
    public var servingPools: [PgBouncerPool] { pools.filter { $0.database != Self.adminDatabase } }

    /// The admin console's database.
    public static let adminDatabase = "pgbouncer"

    private struct PoolKey: Hashable {
        var database: String
        var user: String
    }
}

/// The totals over pgbouncer's serving pools at one poll: what the charts draw over time.
public struct PgBouncerSample: Sendable, Equatable {
    /// Seconds since the monitor started.
    public var at: Duration
    public var clientsActive: Int
    public var clientsWaiting: Int
    public var serversActive: Int
    public var serversIdle: Int
    /// The longest wait of any pool's oldest waiting client.
    public var maxWait: Duration

    public init(at: Duration, clientsActive: Int = 0, clientsWaiting: Int = 0, serversActive: Int = 0, serversIdle: Int = 0, maxWait: Duration = .zero) {
        self.at = at
        self.clientsActive = clientsActive
        self.clientsWaiting = clientsWaiting
        self.serversActive = serversActive
        self.serversIdle = serversIdle
        self.maxWait = maxWait
    }

    /// The totals over `pools`, at `at`.
    public init(at: Duration, pools: [PgBouncerPool]) {
        self.init(
            at: at, clientsActive: pools.map(\.clientsActive).reduce(0, +), clientsWaiting: pools.map(\.clientsWaiting).reduce(0, +),
            serversActive: pools.map(\.serversActive).reduce(0, +), serversIdle: pools.map(\.serversIdle).reduce(0, +),
            maxWait: pools.map(\.maxWait).max() ?? .zero)
    }
}
