import ConnectionPool

/// What a scrape reports of one pool at one instant, read off its snapshot. Pure: no Prometheus, no lock.
/// Nothing here carries a holder's label, a statement or a target: only counts, limits and durations.
public struct PoolReading: Sendable, Equatable {
    /// Open connections by OpenTelemetry's two states: `idle`, and `used` (held, or being pinged or reset
    /// for a holder). Connecting, closing and broken slots are neither.
    public var idle: Int
    public var used: Int
    /// `max(pool_size, min_idle)`: more idle connections than this are closed at check-in.
    public var idleMax: Int
    public var idleMin: Int
    /// pool_size + max_overflow; nil when the overflow is unlimited.
    public var max: Int?
    public var pendingRequests: Int
    public var oldestWait: Duration
    public var overflowUsed: Int
    public var overflowOpen: Int
    public var totals: PoolTotals

    public init(_ snapshot: PoolSnapshot) {
        idle = snapshot.idle
        used = snapshot.inUse + snapshot.count(.checking)
        let configuration = snapshot.configuration
        idleMax = Swift.max(configuration.poolSize, configuration.minimumIdle)
        idleMin = configuration.minimumIdle
        max = configuration.maxConnections
        pendingRequests = snapshot.waiters.count
        oldestWait = snapshot.waiters.oldestWait ?? .zero
        overflowUsed = snapshot.overflowInUse
        overflowOpen = snapshot.overflowOpen
        totals = PoolTotals(snapshot.counters)
    }
}

/// The counters a scrape reports, since the pool started; added up over the pools of one process
/// (a sweep runs one pool per run), so they only grow.
public struct PoolTotals: Sendable, Equatable {
    public var timeouts = 0
    public var createFailures = 0
    public var closes: [CloseReason: Int] = [:]

    public init() {}

    public init(_ counters: Counters) {
        timeouts = counters.timeouts
        createFailures = counters.connectFailures
        closes = counters.closes
    }

    public static func + (left: PoolTotals, right: PoolTotals) -> PoolTotals {
        var sum = left
        sum.timeouts += right.timeouts
        sum.createFailures += right.createFailures
        sum.closes.merge(right.closes, uniquingKeysWith: +)
        return sum
    }
}

/// What the server says, for the `pooltop_server_*` gauges.
public struct ServerReading: Sendable, Equatable {
    public var connections: Int?
    public var maxConnections: Int?

    public init(connections: Int?, maxConnections: Int?) {
        self.connections = connections
        self.maxConnections = maxConnections
    }
}
