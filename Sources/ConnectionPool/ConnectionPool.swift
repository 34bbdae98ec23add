// INTERFACE STUB — the pool helper replaces the bodies; signatures are the contract other modules use.

/// Why a check-out failed.
public enum PoolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Waited `waited` without getting a connection; `limits` names the limits in force
    /// (e.g. "pool_size 5, max_overflow 10, timeout 30s: 15 in use, 7 waiting").
    case timeout(waited: Duration, limits: String)
    /// `maxWaiters` waiters were already queued.
    case tooManyWaiters(limit: Int)
    /// The pool is shutting down or shut down.
    case shutdown
    /// The check-out task was cancelled while waiting.
    case cancelled

    public var description: String {
        switch self {
        case .timeout(let waited, let limits): return "pool timeout after \(waited): \(limits)"
        case .tooManyWaiters(let limit): return "pool refused check-out: \(limit) waiters already queued"
        case .shutdown: return "pool is shut down"
        case .cancelled: return "check-out cancelled"
        }
    }
}

/// A checked-out connection. Give it back exactly once with `ConnectionPool.checkIn`.
public struct Lease<Connection: PoolableConnection>: Sendable {
    public let connection: Connection
    /// The slot id shown in snapshots.
    public let slot: Int
    /// How long the check-out waited.
    public let waited: Duration
    /// Identifies this check-out; a stale or repeated check-in is ignored.
    public let checkout: UInt64

    public init(connection: Connection, slot: Int, waited: Duration, checkout: UInt64) {
        self.connection = connection
        self.slot = slot
        self.waited = waited
        self.checkout = checkout
    }
}

/// A fair (FIFO), observable connection pool whose every limit can change while it runs.
public final class ConnectionPool<Factory: ConnectionFactory>: Sendable {
    public typealias Connection = Factory.Connection

    public init(configuration: PoolConfiguration, factory: Factory) { fatalError("stub") }

    /// Runs timers and maintenance (timeouts, idle and lifetime closes, minimum idle, leak checks,
    /// connect retries) until `shutdown()`. Start it in a task before checking out.
    public func run() async { fatalError("stub") }

    /// Waits (FIFO) for a connection. `holder` labels the check-out in snapshots and events.
    public func checkOut(holder: String) async throws(PoolError) -> Lease<Connection> { fatalError("stub") }

    /// Returns a connection. `broken: true` closes it instead of reusing it.
    public func checkIn(_ lease: Lease<Connection>, broken: Bool = false) async { fatalError("stub") }

    /// Records the statement a holder is running, for snapshots (nil when it finishes).
    public func reportActivity(_ lease: Lease<Connection>, query: String?) { fatalError("stub") }

    public var configuration: PoolConfiguration { fatalError("stub") }

    /// Changes knobs while running; emits a `configurationChanged` event per changed knob.
    public func reconfigure(_ change: (inout PoolConfiguration) -> Void) { fatalError("stub") }

    public func snapshot() -> PoolSnapshot { fatalError("stub") }

    /// Events with a sequence number greater than `sequence`, oldest first (those still in the ring).
    public func events(after sequence: UInt64) -> [PoolEvent] { fatalError("stub") }

    /// Fails every waiter with `.shutdown`, closes idle connections now and busy ones at check-in.
    public func shutdown() async { fatalError("stub") }
}

extension ConnectionPool {
    /// Checks out, runs `body`, checks in (as broken if the connection stopped being usable).
    public func withConnection<R: Sendable>(
        holder: String, _ body: (Connection) async throws -> R
    ) async throws -> R {
        let lease = try await checkOut(holder: holder)
        do {
            let result = try await body(lease.connection)
            await checkIn(lease, broken: !lease.connection.isUsable)
            return result
        } catch {
            await checkIn(lease, broken: !lease.connection.isUsable)
            throw error
        }
    }
}
