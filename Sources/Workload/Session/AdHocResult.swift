import LibPQ

/// The outcome of one statement the user typed in the console: rows and columns, or the error text.
public struct AdHocResult: Sendable, Equatable {
    public var sql: String
    public var columns: [String]
    /// At most `rowLimit` rows; `totalRows` says how many the server returned.
    public var rows: [[String?]]
    public var totalRows: Int
    public var commandTag: String
    /// The error (server message with SQLSTATE, or the pool's reason); nil on success.
    public var error: String?
    public var detail: String?
    public var hint: String?
    public var waited: Duration
    public var elapsed: Duration

    public static let rowLimit = 1000

    public var succeeded: Bool { error == nil }

    public init(sql: String, columns: [String] = [], rows: [[String?]] = [], totalRows: Int = 0, commandTag: String = "",
                error: String? = nil, detail: String? = nil, hint: String? = nil, waited: Duration = .zero, elapsed: Duration = .zero) {
        self.sql = sql
        self.columns = columns
        self.rows = rows
        self.totalRows = totalRows
        self.commandTag = commandTag
        self.error = error
        self.detail = detail
        self.hint = hint
        self.waited = waited
        self.elapsed = elapsed
    }

    init(sql: String, outcome: Result<QueryResult, PostgresError>, waited: Duration, elapsed: Duration) {
        switch outcome {
        case .success(let result):
            self.init(sql: sql, columns: result.columns.map(\.name), rows: Array(result.rows.prefix(Self.rowLimit)),
                      totalRows: result.rows.count, commandTag: result.commandTag, waited: waited, elapsed: elapsed)
        case .failure(let error):
            self.init(sql: sql, error: error.description, detail: error.detail, hint: error.hint, waited: waited, elapsed: elapsed)
        }
    }
}
