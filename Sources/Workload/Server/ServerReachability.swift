/// Whether the server monitor reaches the server, as the screen shows it. Times are on the monitor's clock
/// (durations since its origin) until the source moves them onto the screen's timeline with `shifted(by:)`.
public enum ServerReachability: Sendable, Equatable {
    /// No attempt has finished yet.
    case unknown
    case reachable(since: Duration)
    /// `attempt` counts the failed attempts in a row; the next one starts at `nextAttempt`.
    case unreachable(since: Duration, lastError: String, nextAttempt: Duration, attempt: Int)
    /// The monitor was closed: nothing connects again.
    case closed

    public var isUnreachable: Bool {
        if case .unreachable = self { return true }
        return false
    }

    /// The same state with every time moved by `offset`.
    public func shifted(by offset: Duration) -> ServerReachability {
        switch self {
        case .unknown, .closed: return self
        case .reachable(let since): return .reachable(since: since + offset)
        case .unreachable(let since, let lastError, let nextAttempt, let attempt):
            return .unreachable(since: since + offset, lastError: lastError, nextAttempt: nextAttempt + offset, attempt: attempt)
        }
    }

    /// Why a monitor in this state has nothing to show, after "n/a: ": `detail` when given, else
    /// "`subject` unreachable — the last error" (or `closed` once the monitor is closed).
    func unavailableReason(_ subject: String, closed: String, detail: String?) -> String {
        switch self {
        case .unreachable(_, let lastError, _, _): detail ?? "\(subject) unreachable — \(lastError)"
        case .closed: closed
        case .unknown, .reachable: detail ?? "\(subject) unreachable"
        }
    }

    /// How long a poller that polls every `interval` should wait before its next poll: no longer than until the
    /// next attempt, so a server that comes back is seen as soon as the back-off allows.
    public func pollDelay(now: Duration, interval: Duration) -> Duration {
        guard case .unreachable(_, _, let nextAttempt, _) = self else { return interval }
        return max(.milliseconds(10), min(interval, nextAttempt - now))
    }
}
