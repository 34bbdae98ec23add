import ConnectionPool

/// One second of a recording: the pool's counts, the load's new samples and its totals so far (the figures the
/// dashboard and bench's summary read), the server's connections. Knobs are written when they differ from the
/// line before (and on a run's first line); a reader carries them forward.
public struct RecordedSecond: Sendable, Equatable, Codable {
    /// Seconds since the recording started.
    public var t: Double
    /// bench and sweep: the run this second belongs to.
    public var run: Int?
    /// The run's last line, written from bench's own measurement when the run ended.
    public var final: Bool?
    /// Nil in no-pool mode.
    public var pool: RecordedPool?
    /// The load's per-second samples taken since the line before.
    public var samples: [RecordedSample]
    /// Everything measured since the statistics were last reset, as bench reports it (no timeline: `samples` is it).
    public var totals: BenchReport
    public var server: RecordedServer?
    public var knobs: [String: String]?
    public var load: [String: String]?

    public init(t: Double, run: Int? = nil, final: Bool? = nil, pool: RecordedPool?, samples: [RecordedSample], totals: BenchReport,
                server: RecordedServer? = nil, knobs: [String: String]? = nil, load: [String: String]? = nil) {
        self.t = t
        self.run = run
        self.final = final
        self.pool = pool
        self.samples = samples
        self.totals = totals
        self.server = server
        self.knobs = knobs
        self.load = load
    }
}

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

/// The server as the monitor last saw it: its connections against max_connections, or why it was not reached.
public struct RecordedServer: Sendable, Equatable, Codable {
    public var version: String?
    public var connections: Int?
    public var maxConnections: Int?
    public var unreachable: String?

    public init(_ snapshot: ServerSnapshot) {
        version = snapshot.serverVersion
        connections = snapshot.connections
        maxConnections = snapshot.maxConnections
        if case .unreachable(_, let lastError, _, _) = snapshot.reachability { unreachable = lastError } else { unreachable = snapshot.unavailable }
    }

    enum CodingKeys: String, CodingKey {
        case version, connections, unreachable
        case maxConnections = "max_connections"
    }
}
