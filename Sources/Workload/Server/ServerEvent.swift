/// Something the server monitor saw happen to the server, in a DBA's words. `at` is on the monitor's clock
/// until the source moves it onto the screen's timeline (`shifted(by:)`).
public struct ServerEvent: Sendable, Equatable, Codable {
    public var at: Duration
    public var kind: Kind
    /// Whose monitor saw it: the server's, or the pgbouncer's (`--pgbouncer`).
    public var subject: Subject

    public init(at: Duration, kind: Kind, subject: Subject = .server) {
        self.at = at
        self.kind = kind
        self.subject = subject
    }

    public enum Subject: String, Sendable, Equatable, Codable {
        case server, pgbouncer
    }

    public enum Kind: Sendable, Equatable, Codable {
        /// The monitor lost the server, or could not reach it; `reason` is libpq's or the server's word.
        case unreachable(reason: String)
        /// The monitor reached the server again after `after` without it.
        case back(after: Duration)
        /// pg_postmaster_start_time() changed between two sessions: the server was restarted.
        case restarted(from: String, to: String)
        /// Client backends came within 10% of max_connections.
        case nearMaxConnections(connections: Int, maximum: Int)
    }

    public func shifted(by offset: Duration) -> ServerEvent {
        ServerEvent(at: at + offset, kind: kind, subject: subject)
    }
}
