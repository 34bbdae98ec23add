import CLibPQ

/// An error or a notice from the server (ERROR, FATAL, NOTICE, WARNING, INFO, DEBUG, LOG) with the fields psql
/// prints: what the notice receiver keeps, what a multi-statement query reports between its results, and what
/// the console lays out.
public struct ServerMessage: Sendable, Equatable {
    /// `ERROR`, `FATAL`, `NOTICE`, `WARNING`, ...
    public var severity: String
    public var sqlState: String?
    public var message: String
    public var detail: String?
    public var hint: String?
    /// 1-based position in the statement, in characters, where the server located the error.
    public var position: Int?

    public init(severity: String = "ERROR", sqlState: String? = nil, message: String, detail: String? = nil,
                hint: String? = nil, position: Int? = nil) {
        self.severity = severity
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.position = position
    }

    /// An error's fields; `ERROR` when it carries no severity (libpq's own errors).
    public init(_ error: PostgresError) {
        self.init(severity: error.severity ?? "ERROR", sqlState: error.sqlState, message: error.message, detail: error.detail,
                  hint: error.hint, position: error.position)
    }

    public var isError: Bool { ["ERROR", "FATAL", "PANIC"].contains(severity) }

    /// A notice result's fields (libpq's notice receiver).
    init(notice result: OpaquePointer) {
        let fields = PostgresError(kind: .queryFailed, result: result)
        self.init(severity: fields.severity ?? "NOTICE", sqlState: fields.sqlState, message: fields.message, detail: fields.detail,
                  hint: fields.hint, position: fields.position)
    }
}
