import LibPQ

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

/// What one console input came back with, as psql shows a string of statements: each statement's result and the
/// server's notices in the order they came, then how it ended (every statement done, the server's error that
/// stopped the rest, or a cancel); the transaction state after it; and the backend it ran on.
public struct ConsoleReply: Sendable, Equatable {
    public enum Part: Sendable, Equatable {
        case result(ConsoleResult)
        case notice(ServerMessage)
    }

    public enum Ending: Sendable, Equatable {
        /// Every statement ran.
        case completed
        /// The server's error; the statements after the failed one did not run.
        case failed(ServerMessage)
        /// Cancelled at the user's request (the server's 57014 message, when it sent one).
        case cancelled(ServerMessage?)

        public var isCancelled: Bool { if case .cancelled = self { true } else { false } }
    }

    public var statement: String
    /// Results and notices, in the order the server sent them.
    public var parts: [Part]
    public var ending: Ending
    public var transaction: ConsoleTransaction
    public var backendPID: Int32?
    public var duration: Duration?

    public init(statement: String, parts: [Part] = [], ending: Ending = .completed, transaction: ConsoleTransaction = .idle,
                backendPID: Int32? = nil, duration: Duration? = nil) {
        self.statement = statement
        self.parts = parts
        self.ending = ending
        self.transaction = transaction
        self.backendPID = backendPID
        self.duration = duration
    }

    /// One statement's answer.
    public init(statement: String, result: ConsoleResult, transaction: ConsoleTransaction = .idle, backendPID: Int32? = nil,
                duration: Duration? = nil) {
        self.init(statement: statement, parts: [.result(result)], transaction: transaction, backendPID: backendPID, duration: duration)
    }

    /// The results, in order.
    public var results: [ConsoleResult] { parts.compactMap { if case .result(let result) = $0 { result } else { nil } } }

    /// True when every statement ran (a `\watch` goes on only then).
    public var completed: Bool { ending == .completed }

    /// One line for the status bar: the command tags in order, or the error.
    public var summary: String {
        switch ending {
        case .completed: results.map(\.commandTag).filter { !$0.isEmpty }.joined(separator: "; ")
        case .failed(let message): "ERROR: \(message.message)"
        case .cancelled: "cancelled"
        }
    }

    /// SQLSTATE 57014, query_canceled.
    public static let cancelledSQLState = "57014"
}
