import ConnectionPool
import Histogram

/// What the load sees of its connections at one instant: the pool's counts, or in no-pool mode the
/// connections open for queries right now.
struct PoolView: Sendable {
    var inUse = 0
    var idle = 0
    var overflow = 0
    var waiters = 0
    var open = 0
    /// Connections opened since the backend started, and the connect failures and losses by kind.
    var connects = 0
    var connections = ConnectionCounts()
}

/// The pool's connect failures and lost connections by kind (zero in no-pool mode, whose connect
/// failures are the workers' own errors).
public struct ConnectionCounts: Sendable, Equatable {
    /// Failed connects of every kind; `refused` and `serverFull` count those kinds among them.
    public var connectFailures = 0
    public var refused = 0
    public var serverFull = 0
    /// Connections the pool found lost (terminated backend, server gone, dead link).
    public var lost = 0

    public init(connectFailures: Int = 0, refused: Int = 0, serverFull: Int = 0, lost: Int = 0) {
        self.connectFailures = connectFailures
        self.refused = refused
        self.serverFull = serverFull
        self.lost = lost
    }

    init(_ counters: Counters) {
        self.init(
            connectFailures: counters.connectFailures, refused: counters.connectRefused, serverFull: counters.serverFull,
            lost: counters.connectionsLost)
    }

    static func - (a: Self, b: Self) -> Self {
        Self(connectFailures: a.connectFailures - b.connectFailures, refused: a.refused - b.refused,
             serverFull: a.serverFull - b.serverFull, lost: a.lost - b.lost)
    }
}

/// The highest counts seen since the statistics were reset.
struct LoadPeaks: Sendable, Equatable {
    var inUse = 0
    var overflow = 0
    var open = 0
    var waiters = 0
    var backlog = 0

    mutating func include(_ view: PoolView, backlog: Int) {
        inUse = max(inUse, view.inUse)
        overflow = max(overflow, view.overflow)
        open = max(open, view.open)
        waiters = max(waiters, view.waiters)
        self.backlog = max(self.backlog, backlog)
    }
}

/// Everything measured since the last reset, with the current partial second folded in: what bench reports.
struct LoadMeasurement: Sendable {
    var elapsed: Duration
    var totals: IntervalCounts
    var waits: Histogram<UInt64>
    var workers: [WorkerStats]
    var samples: [LoadSample]
    var peaks: LoadPeaks
    var dropped: Int
    /// Connections opened since the last reset (a warm-up's are not counted).
    var connectionsOpened: Int
    /// The pool's connect failures and lost connections since the last reset.
    var connections = ConnectionCounts()
}
