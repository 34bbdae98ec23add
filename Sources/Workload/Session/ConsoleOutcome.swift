import LibPQ

/// How one console input ended: what its statements came back with (each result with at most `rowLimit` rows
/// kept, the notices between them, the error that stopped them), the transaction state after it, the backend it
/// ran on, and whether the user cancelled it.
public struct ConsoleOutcome: Sendable, Equatable {
    /// Rows kept of each result; its `totalRows` says how many there were.
    public static let rowLimit = 1000
    /// SQLSTATE 57014, query_canceled.
    public static let cancelledSQLState = "57014"

    public var sql: String
    public var results: QueryResults
    public var transaction: TransactionStatus
    public var backendPID: Int32?
    /// The statement ended because the user cancelled it (not, say, by statement_timeout).
    public var cancelled: Bool
    /// Waiting for the pool, and running.
    public var waited: Duration
    public var elapsed: Duration

    public init(sql: String, results: QueryResults, transaction: TransactionStatus = .idle, backendPID: Int32? = nil,
                cancelled: Bool = false, waited: Duration = .zero, elapsed: Duration = .zero) {
        self.sql = sql
        self.results = results
        self.transaction = transaction
        self.backendPID = backendPID
        self.cancelled = cancelled
        self.waited = waited
        self.elapsed = elapsed
    }

    /// The notices the server sent, in order.
    public var notices: [ServerMessage] { results.notices }

    /// The last result when every statement succeeded, else the error.
    public var result: Result<QueryResult, PostgresError> { results.outcome }
}

extension QueryResults {
    /// The server (or the console) stopped the statements with query_canceled.
    var isCancellation: Bool { error?.sqlState == ConsoleOutcome.cancelledSQLState }
}
