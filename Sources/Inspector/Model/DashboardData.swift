import ConnectionPool
import Workload

/// Everything one frame shows, collected by the `InspectorSource` from the pool, the load and the server.
/// A plain value: the screen renders it and never reaches back into the pool.
public struct DashboardData: Sendable, Equatable {
    public var pool: PoolSnapshot
    public var load: LoadSnapshot
    public var server: ServerSnapshot
    /// The most recent pool events, oldest first (bounded by the caller; a few hundred is plenty).
    public var events: [PoolEvent]
    /// What the server monitor saw (unreachable, back, restarted…), oldest first, on the same timeline as `events`;
    /// `server.reachability` is on it too, and `pool.uptime` is its present.
    public var serverEvents: [ServerEvent]
    /// The target as shown to the user, password already masked (e.g. `postgres://app:****@host/db`).
    public var target: String
    /// The server's version string; nil when unknown.
    public var serverVersion: String?
    /// Time since pooltop started.
    public var uptime: Duration
    /// Pool uptime at the moment the load started, so pool events line up with load samples on the charts.
    public var loadStartedAtPoolUptime: Duration
    /// The pgbouncer watched with `--pgbouncer` (nil: none), its times on the same timeline as `events`.
    public var pgbouncer: PgBouncerSnapshot?
    /// The application_name pooltop's own connections carry: how the pgbouncer view finds the pool that serves them.
    public var poolApplicationName = "pooltop"
    /// Set when the data comes from a recording (`pooltop replay`): where the replay is.
    public var replay: ReplayStatus?

    public init(
        pool: PoolSnapshot = PoolSnapshot(), load: LoadSnapshot = LoadSnapshot(), server: ServerSnapshot = ServerSnapshot(),
        events: [PoolEvent] = [], target: String = "", serverVersion: String? = nil, uptime: Duration = .zero,
        loadStartedAtPoolUptime: Duration = .zero, serverEvents: [ServerEvent] = [], pgbouncer: PgBouncerSnapshot? = nil
    ) {
        self.pool = pool
        self.load = load
        self.server = server
        self.events = events
        self.serverEvents = serverEvents
        self.target = target
        self.serverVersion = serverVersion
        self.uptime = uptime
        self.loadStartedAtPoolUptime = loadStartedAtPoolUptime
        self.pgbouncer = pgbouncer
    }
}
