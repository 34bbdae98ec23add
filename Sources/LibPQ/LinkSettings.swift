#if canImport(Glibc)
import Glibc
#endif

/// The TCP settings pooltop gives libpq so that a dead link is noticed, each unless the target sets
/// its own. libpq applies them to TCP sockets only (it skips them for Unix sockets), per socket.
///
/// - keepalives: a link idle for 10 s is probed every 2 s, and dropped after 3 probes go unanswered
///   (a dead idle connection is noticed in about 16 s instead of the kernel's 2 hours).
/// - tcp_user_timeout 10 s: sent data unacknowledged for 10 s closes the socket (without it a write
///   into a dead route is retried for about 15 minutes, tcp_retries2).
enum LinkSettings {
    static let defaults: [ConnectionTarget.Option] = [
        .init(keyword: "keepalives", value: "1"),
        .init(keyword: "keepalives_idle", value: "10"),
        .init(keyword: "keepalives_interval", value: "2"),
        .init(keyword: "keepalives_count", value: "3"),
        .init(keyword: "tcp_user_timeout", value: "10000"),
    ]

    /// `options` followed by every default they do not set.
    static func filling(_ options: [ConnectionTarget.Option]) -> [ConnectionTarget.Option] {
        options + defaults.filter { fallback in !options.contains { $0.keyword == fallback.keyword } }
    }

    /// The handshake's bound when the target (or PGCONNECT_TIMEOUT) sets connect_timeout, read as libpq
    /// reads it: whole seconds, 1 counts as 2, zero or less means none. PQconnectPoll ignores it (the
    /// application bounds a non-blocking handshake), so pooltop applies it to the whole handshake; libpq's
    /// blocking connect would apply it to each host in turn.
    static func connectTimeout(of options: [ConnectionTarget.Option]) -> Duration? {
        let text = options.last { $0.keyword == "connect_timeout" }?.value
            ?? getenv("PGCONNECT_TIMEOUT").map { String(cString: $0) }
        guard let text, let seconds = Int(text[...].trimmingWhitespace()), seconds > 0 else { return nil }
        return .seconds(max(seconds, 2))
    }
}
