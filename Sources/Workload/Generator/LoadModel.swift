import ConnectionPool

/// Every knob of the load; each may change while it runs (`LoadGenerator.update`).
public struct LoadSettings: Sendable, Equatable {
    /// Closed loop: this many workers, each check out → query → check in → think.
    public var workers: Int
    /// Pause between a worker's check-in and its next check-out (closed loop).
    public var thinkTime: Duration
    /// Open loop when set: queries arrive at this mean rate (Poisson), queued until a worker takes them.
    public var arrivalRate: Double?
    public var mix: QueryMix
    public var paused: Bool
    /// Through the pool, or a new connection per query; switchable while running when the load has a pool.
    public var mode: LoadMode

    public init(
        workers: Int = 32, thinkTime: Duration = .zero, arrivalRate: Double? = nil, mix: QueryMix = .selectOne, paused: Bool = false,
        mode: LoadMode = .pool
    ) {
        self.workers = workers
        self.thinkTime = thinkTime
        self.arrivalRate = arrivalRate
        self.mix = mix
        self.paused = paused
        self.mode = mode
    }
}

/// How queries reach the server: through the pool, or a new connection per query (W4, to show what pooling saves).
public enum LoadMode: String, Sendable, Equatable, CaseIterable {
    case pool
    case noPool = "no-pool"
}

/// Weighted statements; each query draws one by weight.
public struct QueryMix: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var query: QueryKind
        public var weight: Double
        public init(_ query: QueryKind, weight: Double = 1) {
            self.query = query
            self.weight = weight
        }
    }
    public var entries: [Entry]
    public init(_ entries: [Entry]) { self.entries = entries }
    public static let selectOne = QueryMix([Entry(.selectOne)])
}

public enum QueryKind: Sendable, Equatable {
    case selectOne
    /// `SELECT pg_sleep(x)`: fixed, or uniformly random between the bounds.
    case sleep(Duration)
    case sleepRandom(min: Duration, max: Duration)
    /// A short read-write transaction on a table pooltop creates and drops itself.
    case readWrite
    case custom(String)
    /// Check-out and check-in with no statement (W3).
    case none
}

public enum WorkerState: String, Sendable, Equatable {
    case waiting, running, thinking, idle
}

public struct WorkerStats: Sendable, Equatable {
    public var id: Int
    public var label: String
    public var state: WorkerState
    public var queries: Int
    public var errors: Int
    public var timeouts: Int
    public var longestWait: Duration
    public var lastError: String?

    public init(id: Int, label: String, state: WorkerState = .idle, queries: Int = 0, errors: Int = 0, timeouts: Int = 0, longestWait: Duration = .zero, lastError: String? = nil) {
        self.id = id
        self.label = label
        self.state = state
        self.queries = queries
        self.errors = errors
        self.timeouts = timeouts
        self.longestWait = longestWait
        self.lastError = lastError
    }
}

/// One second of the load, for charts and the bench timeline.
public struct LoadSample: Sendable, Equatable {
    /// Seconds since the load started (the end of this sample's second).
    public var second: Int
    public var qps: Double
    public var errors: Int
    public var timeouts: Int
    /// Among `errors`: statements that failed because their connection was lost.
    public var lost: Int
    public var waitP50: Duration
    public var waitP99: Duration
    public var inUse: Int
    public var idle: Int
    public var overflow: Int
    public var waiters: Int
    /// Mean statement time of the second's queries (check-out wait excluded); zero when none was timed.
    public var queryMean: Duration = .zero
    /// Mean check-out wait of the second's check-outs.
    public var waitMean: Duration = .zero

    public init(second: Int, qps: Double, errors: Int = 0, timeouts: Int = 0, lost: Int = 0, waitP50: Duration = .zero, waitP99: Duration = .zero, inUse: Int = 0, idle: Int = 0, overflow: Int = 0, waiters: Int = 0, queryMean: Duration = .zero, waitMean: Duration = .zero) {
        self.queryMean = queryMean
        self.waitMean = waitMean
        self.second = second
        self.qps = qps
        self.errors = errors
        self.timeouts = timeouts
        self.lost = lost
        self.waitP50 = waitP50
        self.waitP99 = waitP99
        self.inUse = inUse
        self.idle = idle
        self.overflow = overflow
        self.waiters = waiters
    }
}

/// The load at one instant.
public struct LoadSnapshot: Sendable, Equatable {
    public var settings: LoadSettings
    public var elapsed: Duration
    public var queries: Int
    public var errors: Int
    public var timeouts: Int
    /// Open loop: arrivals not yet taken by a worker.
    public var backlog: Int
    public var workers: [WorkerStats]
    /// Per-second samples, oldest first (bounded; the newest few hundred).
    public var samples: [LoadSample]
    public var mode: LoadMode = .pool
    /// Open loop: arrivals dropped because the backlog was full.
    public var dropped: Int = 0
    /// Mean statement time (check-out wait excluded) since the statistics were reset.
    public var meanQueryTime: Duration = .zero

    public init(settings: LoadSettings = LoadSettings(), elapsed: Duration = .zero, queries: Int = 0, errors: Int = 0, timeouts: Int = 0, backlog: Int = 0, workers: [WorkerStats] = [], samples: [LoadSample] = []) {
        self.settings = settings
        self.elapsed = elapsed
        self.queries = queries
        self.errors = errors
        self.timeouts = timeouts
        self.backlog = backlog
        self.workers = workers
        self.samples = samples
    }
}
