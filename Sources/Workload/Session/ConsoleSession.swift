import ConnectionPool
import LibPQ
import Synchronization

/// The SQL console's session: one statement at a time through the pool, as holder "console". Between statements
/// it gives the connection back, unless a transaction is open (judged by libpq's transaction status): then it
/// keeps the lease until COMMIT or ROLLBACK, so the dashboard shows the slot held by the console and the pool's
/// leak warning fires past its threshold. In no-pool mode it keeps one connection of its own.
public final class ConsoleSession: Sendable {
    public static let holder = "console"

    private let pool: ConnectionPool<PostgresConnectionFactory>?
    private let factory: PostgresConnectionFactory
    private let state = Mutex(Phase.idle)

    /// The connection the console holds, if any.
    private enum Held: Sendable {
        case lease(Lease<PooledPostgresConnection>)
        case own(PooledPostgresConnection)

        var connection: PostgresConnection {
            switch self {
            case .lease(let lease): lease.connection.connection
            case .own(let own): own.connection
            }
        }
    }

    /// The session's state machine.
    private enum Phase: Sendable {
        /// Holds nothing.
        case idle
        /// Waiting for the pool; `cancelled` once a cancel came meanwhile.
        case checkingOut(cancelled: Bool)
        case running(Held, cancelled: Bool)
        /// Between statements with a connection kept: a transaction is open (or the console's own connection).
        case holding(Held)

        var isCancelled: Bool {
            switch self {
            case .checkingOut(let cancelled), .running(_, let cancelled): cancelled
            case .idle, .holding: false
            }
        }
    }

    public init(session: LoadSession) {
        pool = session.pool
        factory = session.factory
    }

    /// Runs one input (one statement or several, sent as one simple-protocol string as `psql -c` does) and says
    /// how it ended: every result and notice in order, up to the error that stopped it; never throws. `activity`
    /// is what the pool's snapshot shows as the running query (the caller masks a password there); the input
    /// itself by default.
    public func run(_ sql: String, activity: String? = nil) async -> ConsoleOutcome {
        let clock = ContinuousClock()
        let began = clock.now
        let held: Held
        switch await connection(for: activity ?? sql) {
        case .success(let connection): held = connection
        case .failure(let problem):
            return ConsoleOutcome(sql: sql, results: QueryResults(error: problem), cancelled: problem == Self.cancelledBeforeStart,
                                  waited: clock.now - began)
        }
        let waited = clock.now - began
        let connection = held.connection
        _ = connection.takeNotices()
        let started = clock.now
        let results: QueryResults
        if state.withLock({ $0.isCancelled }) || Task.isCancelled {
            results = QueryResults(error: Self.cancelledBeforeStart)
        } else {
            results = await connection.queryAll(sql, rowLimit: ConsoleOutcome.rowLimit)
        }
        let elapsed = clock.now - started
        let cancelled = state.withLock { $0.isCancelled }
        let transaction = connection.isUsable ? connection.transactionStatus : .idle
        await settle(held, transaction: transaction)
        return ConsoleOutcome(
            sql: sql, results: results, transaction: transaction,
            backendPID: connection.backendPID, cancelled: cancelled && results.isCancellation, waited: waited, elapsed: elapsed)
    }

    /// Asks the server to cancel the running statement (or stops a check-out wait from starting one). Returns at once.
    public func cancel() {
        let connection = state.withLock { phase -> PostgresConnection? in
            switch phase {
            case .checkingOut:
                phase = .checkingOut(cancelled: true)
                return nil
            case .running(let held, _):
                phase = .running(held, cancelled: true)
                return held.connection
            case .idle, .holding:
                return nil
            }
        }
        connection?.cancel()
    }

    /// Rolls back an open transaction and gives the connection back (closes its own in no-pool mode).
    public func end() async {
        let held = state.withLock { phase -> Held? in
            guard case .holding(let held) = phase else { return nil }
            phase = .idle
            return held
        }
        guard let held else { return }
        let connection = held.connection
        if connection.isUsable, connection.transactionStatus != .idle { _ = try? await connection.execute("ROLLBACK") }
        await release(held)
    }

    /// Whether the console holds a connection between statements (a transaction is open).
    public var holdsConnection: Bool { state.withLock { if case .holding = $0 { true } else { false } } }

    /// The kept connection, or a new check-out (a connection of its own without a pool).
    private func connection(for activity: String) async -> Result<Held, PostgresError> {
        enum Start { case kept(Held), checkOut, busy }
        let start = state.withLock { phase -> Start in
            switch phase {
            case .holding(let held):
                phase = .running(held, cancelled: false)
                return .kept(held)
            case .idle:
                phase = .checkingOut(cancelled: false)
                return .checkOut
            case .checkingOut, .running:
                return .busy
            }
        }
        if case .busy = start {
            return .failure(PostgresError(kind: .queryFailed, message: "another console statement is running (one at a time)"))
        }
        if case .kept(let kept) = start {
            if case .lease(let lease) = kept { pool?.reportActivity(lease, query: activity) }
            return .success(kept)
        }
        let held: Held
        if let pool {
            do throws(PoolError) {
                held = .lease(try await pool.checkOut(holder: Self.holder, activity: activity))
            } catch {
                state.withLock { $0 = .idle }
                return .failure(error == .cancelled ? Self.cancelledBeforeStart : PostgresError(kind: .connectionFailed, message: error.description))
            }
        } else {
            do {
                held = .own(try await factory.makeConnection())
            } catch {
                state.withLock { $0 = .idle }
                return .failure((error as? PostgresError) ?? PostgresError(kind: .connectionFailed, message: "\(error)"))
            }
        }
        state.withLock { phase in
            let cancelled = if case .checkingOut(true) = phase { true } else { false }
            phase = .running(held, cancelled: cancelled)
        }
        return .success(held)
    }

    /// After a statement: keep the connection while a transaction is open (always, for one of its own), else give
    /// it back. A lost connection is given back as broken.
    private func settle(_ held: Held, transaction: TransactionStatus) async {
        let keep: Bool
        switch held {
        case .own(let own): keep = own.connection.isUsable
        case .lease: keep = held.connection.isUsable && (transaction == .inTransaction || transaction == .inFailedTransaction)
        }
        state.withLock { $0 = keep ? .holding(held) : .idle }
        if !keep { await release(held) }
    }

    private func release(_ held: Held) async {
        switch held {
        case .lease(let lease): await pool?.checkIn(lease)
        case .own(let own): await own.close()
        }
    }

    /// A cancel that came before the statement reached the server: nothing was sent.
    static let cancelledBeforeStart = PostgresError(
        kind: .queryFailed, message: "canceling statement due to user request (before it was sent)",
        sqlState: ConsoleOutcome.cancelledSQLState)
}
