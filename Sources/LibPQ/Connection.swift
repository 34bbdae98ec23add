// INTERFACE STUB — the LibPQ helper replaces the bodies; signatures are the contract other modules use.

/// Where to connect: a `postgresql://` URL or a key=value conninfo string, or nothing (libpq's
/// defaults and PG* environment variables). libpq parses it; the password never leaves this value
/// except to libpq.
public struct ConnectionTarget: Sendable, Equatable, CustomStringConvertible {
    public init(_ urlOrConninfo: String) throws(PostgresError) { fatalError("stub") }
    /// libpq's defaults and the PG* environment.
    public static var environment: ConnectionTarget { fatalError("stub") }
    /// The target for display: the password masked. The only form that reaches a screen, log or error.
    public var displayString: String { fatalError("stub") }
    public var description: String { displayString }
}

/// One PostgreSQL session over libpq's non-blocking API. Safe to share: one query at a time
/// (callers serialise; the pool does), `cancel()` from any task.
public final class PostgresConnection: Sendable {
    public static func connect(
        to target: ConnectionTarget, timeout: Duration = .seconds(10), applicationName: String = "pooltop"
    ) async throws(PostgresError) -> PostgresConnection { fatalError("stub") }

    /// Runs one statement with text parameters ($1, $2…; nil is NULL).
    public func query(_ sql: String, _ parameters: [String?] = []) async throws(PostgresError) -> QueryResult { fatalError("stub") }

    /// Asks the server to cancel the running query (best effort); the query then fails with SQLSTATE 57014.
    public func cancel() { fatalError("stub") }

    /// False once the connection is lost.
    public var isUsable: Bool { fatalError("stub") }
    public var backendPID: Int32 { fatalError("stub") }
    /// E.g. 150018 for 15.18.
    public var serverVersion: Int { fatalError("stub") }
    public var transactionStatus: TransactionStatus { fatalError("stub") }

    public func close() { fatalError("stub") }
}

public enum TransactionStatus: Sendable, Equatable {
    case idle, active, inTransaction, inFailedTransaction, unknown
}

public struct QueryResult: Sendable, Equatable {
    public struct Column: Sendable, Equatable {
        public var name: String
        public var typeOID: UInt32
    }
    public var columns: [Column]
    public var rows: [[String?]]
    /// E.g. "SELECT 1", "INSERT 0 3".
    public var commandTag: String
    public var rowsAffected: Int?
}

/// A failure from libpq or the server, with the server's fields when it sent them.
public struct PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Could not connect (unreachable, refused, authentication failed, bad target).
        case connectionFailed
        /// The connection was lost (terminated backend, network): not usable any more.
        case connectionLost
        /// The statement failed; the connection is still usable.
        case queryFailed
        case timedOut
        /// The target string could not be parsed.
        case invalidTarget
    }
    public var kind: Kind
    public var message: String
    public var sqlState: String?
    public var severity: String?
    public var detail: String?
    public var hint: String?
    /// 1-based character position in the statement.
    public var position: Int?

    public init(kind: Kind, message: String, sqlState: String? = nil, severity: String? = nil, detail: String? = nil, hint: String? = nil, position: Int? = nil) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.severity = severity
        self.detail = detail
        self.hint = hint
        self.position = position
    }

    public var description: String {
        var text = message
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        return text
    }
}
