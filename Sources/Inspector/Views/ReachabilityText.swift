import Workload

/// The header's words for a server the monitor cannot reach: since when, for how long, when it tries again, why.
enum ReachabilityText {
    /// Longest first, so the header can take the first that fits; nil while the server is reachable (or unknown).
    /// `now` is on the reachability's timeline (`DashboardData.pool.uptime`).
    static func variants(_ reachability: ServerReachability, now: Duration, glyphs: Glyphs) -> [String]? {
        guard case .unreachable(let since, let lastError, let nextAttempt, _) = reachability else { return nil }
        let down = "server unreachable since \(Format.clock(since)) (\(Format.duration(max(.zero, now - since))))"
        let short = "server unreachable for \(Format.duration(max(.zero, now - since)))"
        let retry = nextAttempt > now ? "next attempt in \(Format.duration(nextAttempt - now))" : "connecting"
        return [
            down + glyphs.dash + retry + glyphs.dash + lastError,
            short + glyphs.dash + retry + glyphs.dash + lastError,
            short + glyphs.dash + retry,
            short + glyphs.dash + lastError,
            short,
            "unreachable",
        ]
    }
}
