/// What `pooltop watch` shows at one moment: the server's client pools, their recent history, the connection
/// limit, and what could not be seen.
public struct WatchSnapshot: Sendable, Equatable {
    /// One per client pool, in key order.
    public var pools: [ClientPool]
    /// Each pool's counts once a poll, oldest first (at most `WatchHistory.capacity`), also for a pool gone since.
    public var history: [ClientPoolKey: [StateCounts]]
    public var limit: ConnectionLimit?
    public var serverVersion: String?
    /// The watch's own backend, left out of every count.
    public var ownPID: Int32?
    /// Set when the server cannot be read: "n/a: server unreachable — connection refused".
    public var unavailable: String?
    /// On the watcher's clock until the source shifts it.
    public var reachability: ServerReachability
    /// Time since the watch started, on the same clock as `reachability`.
    public var uptime: Duration
    /// What the monitor told last (unreachable, back, restarted…), oldest first, on the same clock.
    public var events: [ServerEvent]

    public init(pools: [ClientPool] = [], history: [ClientPoolKey: [StateCounts]] = [:], limit: ConnectionLimit? = nil,
                serverVersion: String? = nil, ownPID: Int32? = nil, unavailable: String? = nil,
                reachability: ServerReachability = .unknown, uptime: Duration = .zero, events: [ServerEvent] = []) {
        self.pools = pools
        self.history = history
        self.limit = limit
        self.serverVersion = serverVersion
        self.ownPID = ownPID
        self.unavailable = unavailable
        self.reachability = reachability
        self.uptime = uptime
        self.events = events
    }

    /// Every pool's connections, the watch's own excluded.
    public var connections: Int { pools.map(\.counts.total).reduce(0, +) }
    /// Other users' connections whose state this role may not read.
    public var hidden: Int { pools.map { $0.counts[.hidden] }.reduce(0, +) }

    public func pool(_ key: ClientPoolKey) -> ClientPool? { pools.first { $0.key == key } }
}
