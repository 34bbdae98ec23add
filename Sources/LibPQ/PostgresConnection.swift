import CLibPQ
import Synchronization

/// One PostgreSQL session over libpq's non-blocking API, driven by one of the `EventLoop` threads
/// (no thread per connection). Safe to share: ONE query at a time — callers serialise (the pool
/// does); a concurrent `query` fails with `.queryFailed` instead of corrupting state. `cancel()`
/// and `close()` may be called from any task.
public final class PostgresConnection: Sendable {
    private let session: QuerySession
    private let state: Mutex<ConnectionState>
    private let cancelToken: CancelToken?
    private let notices = NoticeInbox()
    public let backendPID: Int32
    /// E.g. 150018 for 15.18.
    public let serverVersion: Int
    /// The target this connection was opened with, for display.
    public let target: ConnectionTarget
    /// The application_name it was opened with: the target's own, PGAPPNAME, else the `connect` argument.
    public let applicationName: String

    init(connection: OpaquePointer, watch: SocketWatch, target: ConnectionTarget) {
        let backendPID = PQbackendPID(connection)
        session = QuerySession(
            connection: connection, watch: watch, server: ServerLocation(socket: watch.descriptor, backendPID: backendPID))
        state = Mutex(ConnectionState())
        cancelToken = CancelToken(connection: connection)
        notices.install(on: connection)
        self.backendPID = backendPID
        serverVersion = Int(PQserverVersion(connection))
        self.target = target
        applicationName = SentApplicationName.of(connection)
    }

    deinit {
        if !state.withLock({ $0.isClosed }) { finish() }
    }

    /// An executor over all the libpq event loop threads that runs a task on whichever loop resumed
    /// it. Tasks that mostly talk to PostgreSQL run cheapest with it as their preference
    /// (`Task(executorPreference:)`): a finished query resumes them on the loop thread that read the
    /// result, which is awake anyway, instead of waking a thread of the global pool for every query.
    /// A task follows each connection it uses to that connection's loop, so the work of many tasks
    /// spreads over all the loops with no hop between threads per query. Such tasks must not block
    /// the thread (they would stall its connections' I/O).
    public static var followingEventLoopExecutor: any TaskExecutor { EventLoop.following }

    /// Connects without blocking a thread; throws `.connectionFailed` (with the server's SQLSTATE when
    /// it refused the session, e.g. `isServerFull`) or `.timedOut`, naming the target by its display
    /// form. `timeout` bounds the whole handshake unless the target sets connect_timeout.
    /// `applicationName` applies unless the target sets its own.
    ///
    /// `watchdog` (nil: none) bounds how long a query waits on a link that gives no sign of life, by
    /// its `bound`, while its owner runs it: see `LinkWatchdog`. A query on a healthy link is never cut
    /// short, however long it runs.
    public static func connect(
        to target: ConnectionTarget, timeout: Duration = .seconds(10), applicationName: String = "pooltop",
        watchdog: LinkWatchdog? = nil
    ) async throws(PostgresError) -> PostgresConnection {
        // One loop watches the connection from its first byte: the least loaded one, so connections
        // spread evenly over the loops, and a task that follows its connections (the handshake
        // resumes it on this loop) is already where the session's results will arrive.
        let loop = EventLoop.leastLoaded()
        // Notices are already silenced: the handshake does it before the first byte.
        let connection = try await ConnectionHandshake.connect(
            to: target, timeout: LinkSettings.connectTimeout(of: target.options) ?? timeout,
            applicationName: applicationName, loop: loop)
        guard PQsetnonblocking(connection, 1) == 0 else {
            let error = PostgresError(kind: .connectionFailed, connection: connection, prefix: "could not connect to \(target.displayString): ")
            PQfinish(connection)
            throw error
        }
        let watch = SocketWatch(descriptor: PQsocket(connection), loop: loop, assumeReady: true)
        if let code = watch.register(events: SocketWatch.readableEdge) {
            PQfinish(connection)
            throw PostgresError(kind: .connectionFailed, message: "could not watch the socket for \(target.displayString) (errno \(code))")
        }
        let opened = PostgresConnection(connection: connection, watch: watch, target: target)
        watchdog?.watch(opened)
        return opened
    }

    /// 10 s (`--dead-link-timeout`'s default): a dead link costs a query at most that long; the TCP
    /// keepalive settings (`LinkSettings`) notice a dead idle connection in about as long.
    public static let defaultDeadLinkTimeout: Duration = .seconds(10)

    /// Runs one statement with text parameters ($1, $2…; nil is NULL). Without parameters it uses
    /// the simple protocol (one message; several statements allowed, the last result is returned).
    nonisolated(nonsending) public func query(_ sql: String, _ parameters: [String?] = []) async throws(PostgresError) -> QueryResult {
        try await last(sql, parameters, keepingRows: true)
    }

    /// Like `query`, for callers that ignore the rows (the load generator): the result has the command
    /// tag and count but no columns or rows, which saves building them.
    nonisolated(nonsending) public func execute(_ sql: String, _ parameters: [String?] = []) async throws(PostgresError) -> QueryResult {
        try await last(sql, parameters, keepingRows: false)
    }

    /// Runs a string of one or more statements in the simple protocol (one message, as `psql -c` sends it) and
    /// returns what each gave back, in order, with the notices the server sent between them (they are not left
    /// for `takeNotices`). Never throws: a failure, the connection's loss too, is the answer's `error`, after the
    /// results of the statements before it. At most `rowLimit` rows of each result are read (`totalRows` counts
    /// them all).
    nonisolated(nonsending) public func queryAll(_ sql: String, rowLimit: Int = .max) async -> QueryResults {
        if let refusal = state.withLock({ $0.beginQuery() }) { return QueryResults(error: refusal) }
        let collected = await session.run(sql, [], mode: .each(rowLimit: rowLimit, notices: notices))
        guard case .each(let results) = collected else { preconditionFailure("the collector answered in another mode") }
        endQuery(failure: results.error)
        return results
    }

    nonisolated(nonsending) private func last(_ sql: String, _ parameters: [String?], keepingRows: Bool) async throws(PostgresError) -> QueryResult {
        if let refusal = state.withLock({ $0.beginQuery() }) { throw refusal }
        let collected = await session.run(sql, parameters, mode: .last(keepingRows: keepingRows))
        guard case .last(let outcome) = collected else { preconditionFailure("the collector answered in another mode") }
        var failure: PostgresError?
        if case .failure(let error) = outcome { failure = error }
        endQuery(failure: failure)
        return try outcome.get()
    }

    /// After a query: whether the connection is still usable, its transaction status; closes it when asked meanwhile.
    private func endQuery(failure: PostgresError?) {
        let connection = session.connection
        let usable = PQstatus(connection) == CONNECTION_OK && failure?.kind != .connectionLost
        let transaction = TransactionStatus(PQtransactionStatus(connection))
        if state.withLock({ $0.endQuery(usable: usable, transactionStatus: transaction, failure: failure) }) { finish() }
    }

    /// The connection's socket (for tests).
    var socketDescriptor: Int32 { session.watch.descriptor }

    /// The index of the event loop watching this connection's socket (for tests).
    var loopIndex: Int { session.watch.currentLoopIndex }

    /// True when the server process runs on this host and the socket follows its CPU (for tests).
    var followsServer: Bool { session.followsServer }

    /// Asks the server to cancel the running query (best effort); the query then fails with
    /// SQLSTATE 57014 and the connection stays usable. Does nothing when no query is running.
    public func cancel() {
        guard state.withLock({ $0.phase == .querying }) else { return }
        cancelToken?.send()
    }

    /// The notices the server sent since the last call (the newest `NoticeInbox.limit`), oldest first.
    public func takeNotices() -> [ServerMessage] { notices.take() }

    /// False once the connection is lost or closed.
    public var isUsable: Bool { state.withLock { $0.usable } }

    /// The error of the query that found the connection lost (nil if none did, e.g. closed by us).
    public var loss: PostgresError? { state.withLock { $0.loss } }

    /// `.active` while a query runs; otherwise what libpq reported after the last one.
    public var transactionStatus: TransactionStatus { state.withLock { $0.transactionStatus } }

    /// Closes the session; a running query fails with `.connectionLost`. Idempotent.
    public func close() {
        close(failingQueryWith: QuerySession.closedError)
    }

    /// Closes the session; a running query fails with `error`.
    func close(failingQueryWith error: PostgresError) {
        switch state.withLock({ $0.requestClose() }) {
        case .none: break
        case .finishNow: finish()
        case .interruptQuery: session.interrupt(reason: error)
        }
    }

    /// Whether a query runs, and its traffic count (see `QuerySession.traffic`), for `LinkWatchdog`.
    var linkActivity: (querying: Bool, traffic: UInt64) {
        let querying = state.withLock { $0.phase == .querying }
        return (querying, session.traffic.load(ordering: .relaxed))
    }

    /// Deregisters the socket (before libpq closes it) and frees the connection. Runs once.
    private func finish() {
        let connection = session.connection
        session.watch.deregister(descriptorOpen: PQsocket(connection) == session.watch.descriptor)
        PQfinish(connection)
    }
}
