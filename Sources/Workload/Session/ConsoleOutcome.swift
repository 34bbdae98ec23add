import LibPQ

/// How one console statement ended: its result (at most `rowLimit` rows kept) or error, the notices the server
/// sent, the transaction state after it, the backend it ran on, and whether the user cancelled it.
public struct ConsoleOutcome: Sendable, Equatable {
    public static let rowLimit = 1000
    /// SQLSTATE 57014, query_canceled.
    public static let cancelledSQLState = "57014"

    public var sql: String
    /// Rows cut to `rowLimit`; `totalRows` says how many there were.
    public var result: Result<QueryResult, PostgresError>
    public var totalRows: Int
    public var notices: [ServerNotice]
    public var transaction: TransactionStatus
    public var backendPID: Int32?
    /// The statement ended because the user cancelled it (not, say, by statement_timeout).
    public var cancelled: Bool
    /// Waiting for the pool, and running.
    public var waited: Duration
    public var elapsed: Duration

    public init(sql: String, result: Result<QueryResult, PostgresError>, notices: [ServerNotice] = [],
                transaction: TransactionStatus = .idle, backendPID: Int32? = nil, cancelled: Bool = false,
                waited: Duration = .zero, elapsed: Duration = .zero) {
        self.sql = sql
        var kept = result
        var total = 0
        if case .success(var rows) = result {
            total = rows.rows.count
            if total > Self.rowLimit { rows.rows.removeLast(total - Self.rowLimit) }
            kept = .success(rows)
        }
        self.result = kept
        totalRows = total
        self.notices = notices
        self.transaction = transaction
        self.backendPID = backendPID
        self.cancelled = cancelled
        self.waited = waited
        self.elapsed = elapsed
    }
}

extension Result where Success == QueryResult, Failure == PostgresError {
    /// The server (or the console) stopped the statement with query_canceled.
    var isCancellation: Bool {
        if case .failure(let error) = self { return error.sqlState == ConsoleOutcome.cancelledSQLState }
        return false
    }
}
