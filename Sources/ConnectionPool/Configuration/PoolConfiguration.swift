/// Every knob of the pool. Each one may change while the pool runs (see `ConnectionPool.reconfigure`).
public struct PoolConfiguration: Sendable, Equatable {
    /// Connections the pool keeps (the core slots): a connection returned while this many (or
    /// `minimumIdle`, if larger) are idle is closed as returned overflow.
    public var poolSize: Int
    /// Extra connections allowed under load; -1 means unlimited (SQLAlchemy's convention).
    public var maxOverflow: Int
    /// How long a check-out waits before it fails with `PoolError.timeout`. A change applies to the waiters
    /// already queued too, counted from their arrival.
    public var checkoutTimeout: Duration
    /// A connection older than this is closed and replaced (SQLAlchemy's pool_recycle, Hikari's maxLifetime). nil: never.
    public var maxLifetime: Duration?
    /// An idle connection unused this long is closed while more than `minimumIdle` are idle. nil: never.
    public var idleTimeout: Duration?
    /// Warm idle connections the pool keeps open even with no demand (opened at start, refilled).
    public var minimumIdle: Int
    /// Validate a connection (`ping`) before handing it out.
    public var prePing: Bool
    /// Which idle connection a check-out gets.
    public var idleOrder: IdleOrder
    /// What check-in does to the session before the connection is reused.
    public var resetOnReturn: ResetMode
    /// A connection held longer than this raises a `leakSuspected` warning event naming its holder. nil: off.
    public var leakThreshold: Duration?
    /// Check-outs beyond this many waiters fail at once with `PoolError.tooManyWaiters`. nil: no limit.
    public var maxWaiters: Int?
    /// Back-off between failed connection attempts.
    public var connectRetry: Backoff
    /// Which preset these knobs came from, for display; `custom` once the user overrides one.
    public var presetName: String

    public init(
        poolSize: Int = 5,
        maxOverflow: Int = 10,
        checkoutTimeout: Duration = .seconds(30),
        maxLifetime: Duration? = nil,
        idleTimeout: Duration? = nil,
        minimumIdle: Int = 0,
        prePing: Bool = false,
        idleOrder: IdleOrder = .fifo,
        resetOnReturn: ResetMode = .rollback,
        leakThreshold: Duration? = nil,
        maxWaiters: Int? = nil,
        connectRetry: Backoff = Backoff(),
        presetName: String = "custom"
    ) {
        self.poolSize = poolSize
        self.maxOverflow = maxOverflow
        self.checkoutTimeout = checkoutTimeout
        self.maxLifetime = maxLifetime
        self.idleTimeout = idleTimeout
        self.minimumIdle = minimumIdle
        self.prePing = prePing
        self.idleOrder = idleOrder
        self.resetOnReturn = resetOnReturn
        self.leakThreshold = leakThreshold
        self.maxWaiters = maxWaiters
        self.connectRetry = connectRetry
        self.presetName = presetName
    }

    /// The most connections that may be open at once (nil: unlimited overflow).
    public var maxConnections: Int? { maxOverflow < 0 ? nil : poolSize + maxOverflow }
}

/// Which idle connection a check-out takes.
public enum IdleOrder: String, Sendable, Equatable, CaseIterable {
    /// The most recently returned one (keeps few connections warm; pgx, SQLAlchemy use_lifo).
    case lifo
    /// The least recently returned one (spreads use evenly; SQLAlchemy's default).
    case fifo
}

/// What check-in does to a connection's session before reuse.
public enum ResetMode: String, Sendable, Equatable, CaseIterable {
    case none
    /// `ROLLBACK` (SQLAlchemy's reset_on_return default).
    case rollback
    /// `DISCARD ALL`.
    case discardAll = "discard-all"
}

/// Exponential back-off with a cap, for connect retries.
public struct Backoff: Sendable, Equatable {
    public var initial: Duration
    public var maximum: Duration
    public var multiplier: Double

    public init(initial: Duration = .milliseconds(100), maximum: Duration = .seconds(10), multiplier: Double = 2) {
        self.initial = initial
        self.maximum = maximum
        self.multiplier = multiplier
    }

    /// The delay before attempt `failures + 1`, after `failures` consecutive failures (≥ 1).
    public func delay(afterFailures failures: Int) -> Duration {
        guard failures > 0 else { return .zero }
        var delay = initial
        for _ in 1..<failures {
            delay = delay * multiplier
            if delay >= maximum { return maximum }
        }
        return min(delay, maximum)
    }
}
