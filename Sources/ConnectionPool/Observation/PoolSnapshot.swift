/// A consistent picture of the pool at one instant: the only window the screen and the load look through.
/// Times are durations: `uptime` is the snapshot's time since the pool started, the rest are ages at that time.
public struct PoolSnapshot: Sendable, Equatable {
    public var uptime: Duration
    public var configuration: PoolConfiguration
    public var slots: [Slot]
    public var waiters: Waiters
    public var counters: Counters
    /// Check-out wait, connection hold and connect times since the pool started.
    public var waitTime: LatencySummary
    public var holdTime: LatencySummary
    public var connectTime: LatencySummary
    /// Sequence number of the newest event at snapshot time (see `ConnectionPool.events(after:)`).
    public var lastEventSequence: UInt64

    public init(
        uptime: Duration = .zero, configuration: PoolConfiguration = PoolConfiguration(), slots: [Slot] = [],
        waiters: Waiters = Waiters(), counters: Counters = Counters(), waitTime: LatencySummary = LatencySummary(),
        holdTime: LatencySummary = LatencySummary(), connectTime: LatencySummary = LatencySummary(),
        lastEventSequence: UInt64 = 0
    ) {
        self.uptime = uptime
        self.configuration = configuration
        self.slots = slots
        self.waiters = waiters
        self.counters = counters
        self.waitTime = waitTime
        self.holdTime = holdTime
        self.connectTime = connectTime
        self.lastEventSequence = lastEventSequence
    }

    public func count(_ state: SlotState) -> Int { slots.reduce(0) { $0 + ($1.state == state ? 1 : 0) } }
    public var inUse: Int { count(.inUse) }
    public var idle: Int { count(.idle) }
    /// Open or opening connections (everything but closed-and-gone slots).
    public var open: Int { slots.count }
    public var overflowOpen: Int { slots.reduce(0) { $0 + ($1.kind == .overflow ? 1 : 0) } }
    public var overflowInUse: Int { slots.reduce(0) { $0 + ($1.kind == .overflow && $1.state == .inUse ? 1 : 0) } }
}

/// What a slot is doing.
public enum SlotState: String, Sendable, Equatable, CaseIterable, Codable {
    case connecting
    case idle
    case inUse = "in-use"
    /// Being validated by pre-ping, or reset at check-in.
    case checking
    case closing
    /// Found lost (checked in broken or unusable, or a failed pre-ping or reset), shown until its close completes.
    case broken
}

/// Whether a slot counts against `poolSize` or against `maxOverflow`.
public enum SlotKind: String, Sendable, Equatable {
    case core
    case overflow
}

public struct Slot: Sendable, Equatable, Identifiable {
    /// Stable for the life of one connection; never reused within a pool.
    public var id: Int
    public var state: SlotState
    public var kind: SlotKind
    /// Since the connection was opened (or the attempt started, while connecting).
    public var age: Duration
    /// Since the last check-in, while idle.
    public var idleFor: Duration?
    public var uses: Int
    /// The label the holder gave at check-out, while in use.
    public var holder: String?
    /// Since check-out, while in use.
    public var heldFor: Duration?
    public var backendPID: Int32?
    /// The statement the holder reported as running, and for how long.
    public var query: String?
    public var queryFor: Duration?

    public init(
        id: Int, state: SlotState, kind: SlotKind, age: Duration = .zero, idleFor: Duration? = nil, uses: Int = 0,
        holder: String? = nil, heldFor: Duration? = nil, backendPID: Int32? = nil, query: String? = nil,
        queryFor: Duration? = nil
    ) {
        self.id = id
        self.state = state
        self.kind = kind
        self.age = age
        self.idleFor = idleFor
        self.uses = uses
        self.holder = holder
        self.heldFor = heldFor
        self.backendPID = backendPID
        self.query = query
        self.queryFor = queryFor
    }
}

/// The waiter queue, oldest first.
public struct Waiters: Sendable, Equatable {
    public var count: Int
    public var oldestWait: Duration?
    /// The oldest waiters (at most 64), oldest first: who waits and for how long.
    public var oldest: [Waiter]

    public init(count: Int = 0, oldestWait: Duration? = nil, oldest: [Waiter] = []) {
        self.count = count
        self.oldestWait = oldestWait
        self.oldest = oldest
    }
}

public struct Waiter: Sendable, Equatable {
    public var holder: String
    public var waited: Duration

    public init(holder: String, waited: Duration) {
        self.holder = holder
        self.waited = waited
    }
}

/// Monotonic counters since the pool started.
public struct Counters: Sendable, Equatable {
    public var checkouts: Int = 0
    public var checkins: Int = 0
    public var timeouts: Int = 0
    /// Check-outs refused because `maxWaiters` waiters were already queued, and waiters turned away when
    /// `maxWaiters` was lowered below the queue.
    public var rejected: Int = 0
    public var connects: Int = 0
    /// Every failed connect; `connectRefused` and `serverFull` count those two kinds among them.
    public var connectFailures: Int = 0
    /// Connects nothing accepted (server down, starting or shutting down).
    public var connectRefused: Int = 0
    /// Connects the server refused as full (SQLSTATE 53300, max_connections).
    public var serverFull: Int = 0
    /// Connections found lost (terminated backend, server gone, dead link), at check-in or pre-ping.
    public var connectionsLost: Int = 0
    public var prePingFailures: Int = 0
    public var leakWarnings: Int = 0
    public var closes: [CloseReason: Int] = [:]

    public init() {}

    public func closes(_ reason: CloseReason) -> Int { closes[reason, default: 0] }
    /// Closes started, for every reason.
    public var closesTotal: Int { closes.values.reduce(0, +) }
}

/// Why the pool closed a connection.
public enum CloseReason: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    /// Past `maxLifetime`.
    case recycled
    /// Idle past `idleTimeout`.
    case idle
    /// Lost, failed pre-ping or reset, or reported broken by its holder.
    case broken
    /// Over a lowered limit.
    case shrunk
    /// An overflow connection returned while the core was full.
    case overflowReturned = "overflow-returned"
    /// The pool shut down.
    case shutdown
}

/// Latency distribution summary, from an HdrHistogram.
public struct LatencySummary: Sendable, Equatable {
    public var count: Int
    public var mean: Duration
    public var p50: Duration
    public var p90: Duration
    public var p99: Duration
    public var max: Duration

    public init(count: Int = 0, mean: Duration = .zero, p50: Duration = .zero, p90: Duration = .zero, p99: Duration = .zero, max: Duration = .zero) {
        self.count = count
        self.mean = mean
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.max = max
    }
}
