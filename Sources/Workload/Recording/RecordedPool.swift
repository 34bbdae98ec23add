import ConnectionPool

/// The pool at one instant, counted: what the gauges and the pool cells draw.
public struct RecordedPool: Sendable, Equatable, Codable {
    public var open: Int
    public var idle: Int
    public var inUse: Int
    public var connecting: Int
    /// Checking, closing or broken.
    public var other: Int
    public var overflowOpen: Int
    public var overflowInUse: Int
    public var waiters: Int
    public var oldestWaitMs: Double?
    public var checkouts: Int
    public var timeouts: Int
    public var connects: Int
    public var connectFailures: Int
    public var connectionsLost: Int
    public var closes: Int

    public init(_ snapshot: PoolSnapshot) {
        open = snapshot.open
        idle = snapshot.idle
        inUse = snapshot.inUse
        connecting = snapshot.count(.connecting)
        other = open - idle - inUse - connecting
        overflowOpen = snapshot.overflowOpen
        overflowInUse = snapshot.overflowInUse
        waiters = snapshot.waiters.count
        oldestWaitMs = snapshot.waiters.oldestWait.map(BenchReport.milliseconds)
        checkouts = snapshot.counters.checkouts
        timeouts = snapshot.counters.timeouts
        connects = snapshot.counters.connects
        connectFailures = snapshot.counters.connectFailures
        connectionsLost = snapshot.counters.connectionsLost
        closes = snapshot.counters.closesTotal
    }

    enum CodingKeys: String, CodingKey {
        case open, idle, connecting, other, waiters, checkouts, timeouts, connects, closes
        case inUse = "in_use", overflowOpen = "overflow_open", overflowInUse = "overflow_in_use"
        case oldestWaitMs = "oldest_wait_ms", connectFailures = "connect_failures", connectionsLost = "connections_lost"
    }
}
