/// Where the console's session stands between statements, as psql's `%x` shows it.
public enum ConsoleTransaction: Sendable, Equatable {
    case idle, inTransaction, failed

    /// psql's `%x`: nothing, `*` in a transaction, `!` in a failed one.
    public var promptMarker: String {
        switch self {
        case .idle: ""
        case .inTransaction: "*"
        case .failed: "!"
        }
    }

    public var label: String {
        switch self {
        case .idle: "idle"
        case .inTransaction: "in transaction"
        case .failed: "in failed transaction (ROLLBACK to go on)"
        }
    }

    public var isOpen: Bool { self != .idle }
}

/// What one console statement came back with: its result, the server's error, or a cancel; the notices the
/// server sent meanwhile; the transaction state after it; and the backend it ran on.
public struct ConsoleReply: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case rows(ConsoleResult)
        case failed(ServerMessage)
        /// The statement was cancelled at the user's request (the server's 57014 message, when it sent one).
        case cancelled(ServerMessage?)
    }

    public var statement: String
    public var outcome: Outcome
    public var notices: [ServerMessage]
    public var transaction: ConsoleTransaction
    public var backendPID: Int32?
    public var duration: Duration?

    public init(statement: String, outcome: Outcome, notices: [ServerMessage] = [], transaction: ConsoleTransaction = .idle,
                backendPID: Int32? = nil, duration: Duration? = nil) {
        self.statement = statement
        self.outcome = outcome
        self.notices = notices
        self.transaction = transaction
        self.backendPID = backendPID
        self.duration = duration
    }

    /// SQLSTATE 57014, query_canceled.
    public static let cancelledSQLState = "57014"
}
