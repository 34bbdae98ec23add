import CLibPQ

/// A failure from libpq or the server, with the server's fields when it sent them.
public struct PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Could not connect (unreachable, refused, authentication failed, bad target). When the server
        /// itself refused the session, `sqlState` says why (see `isServerFull`).
        case connectionFailed
        /// The connection was lost (terminated backend, network, or no answer on a dead link: see
        /// `PostgresConnection.connect(…watchdog:)`): not usable any more.
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

    /// SQLSTATE 53300 (too_many_connections) at connect: max_connections is reached, or the role's or
    /// database's CONNECTION LIMIT. The server is up and answering; a new attempt succeeds once a
    /// session ends, so a pool should wait for one rather than retry at once.
    public var isServerFull: Bool { kind == .connectionFailed && sqlState == "53300" }

    /// A connect that nothing accepted: no server answered (refused, no socket, unreachable), or the
    /// server refused because it is starting up or shutting down (57P03). Costs the server nothing.
    public var isRefusal: Bool { kind == .connectionFailed && (sqlState == nil || sqlState == "57P03") }

    /// The server ended the session: 57P01 admin_shutdown (pg_terminate_backend, a fast or immediate
    /// shutdown), 57P02 crash_shutdown, 57P03 cannot_connect_now. A lost connection, not a failed query.
    public var endsSession: Bool { sqlState == "57P01" || sqlState == "57P02" || sqlState == "57P03" }

    /// Why the session ended, in a DBA's words, for a lost connection's event. PostgreSQL 15 sends the
    /// same 57P01 text for pg_terminate_backend and a fast shutdown; a detail (PostgreSQL 18 names the
    /// sender's pid there) is kept.
    public var lossDescription: String {
        let detailText = detail.map { " (\($0))" } ?? ""
        switch sqlState {
        case "57P01" where message.contains("administrator command"):
            return "terminated by administrator command (pg_terminate_backend or a fast shutdown)" + detailText
        case "57P01" where message.contains("shutdown"):
            return "terminated: the server is shutting down (\(message))" + detailText
        case "57P01": return "terminated: \(message)" + detailText
        case "57P02": return "terminated: the server is resetting after another server process crashed"
        case "57P03": return "terminated: the server is not accepting connections (\(message))"
        default: return "lost: \(message)"
        }
    }

    public var description: String {
        var text = message
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        return text
    }
}

extension PostgresError {
    /// The error a server result carries, from its diagnostic fields.
    init(kind: Kind, result: OpaquePointer) {
        func field(_ code: UInt8) -> String? {
            PQresultErrorField(result, Int32(code)).map { String(cString: $0) }
        }
        let primary = field(UInt8(ascii: "M")) ?? singleLine(String(cString: PQresultErrorMessage(result)))
        self.init(
            kind: kind,
            message: primary.isEmpty ? "the server reported an error without a message" : primary,
            sqlState: field(UInt8(ascii: "C")),
            severity: field(UInt8(ascii: "V")) ?? field(UInt8(ascii: "S")),
            detail: field(UInt8(ascii: "D")),
            hint: field(UInt8(ascii: "H")),
            position: field(UInt8(ascii: "P")).flatMap { Int($0) }
        )
    }

    /// The connection-level error libpq last recorded, on one line.
    init(kind: Kind, connection: OpaquePointer, prefix: String = "") {
        let text = singleLine(String(cString: PQerrorMessage(connection)))
        self.init(kind: kind, message: prefix + (text.isEmpty ? "unknown libpq error" : text))
    }
}

/// Joins libpq's multi-line messages (a line, then tab-indented hints) into one trimmed line.
func singleLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline)
        .map { $0.trimmingWhitespace() }
        .filter { !$0.isEmpty }
        .joined(separator: " ")
}

extension Substring {
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}

extension String {
    /// This text with every occurrence of each secret (three characters or longer) replaced by `***`.
    func masking(_ secrets: [String]) -> String {
        var text = self
        for secret in secrets where secret.count >= 3 {
            text = text.replacingAll(secret, with: "***")
        }
        return text
    }

    private func replacingAll(_ target: String, with replacement: String) -> String {
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
