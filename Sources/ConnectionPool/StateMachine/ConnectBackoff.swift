/// The connect back-off as a value: clear while connects succeed; while they fail, everything the
/// retry needs, and nothing of it otherwise.
enum ConnectBackoff: Sendable {
    case clear
    case failing(Failing)

    struct Failing: Sendable {
        /// When the first failure since the last success was reported, and how many failed since.
        var since: Duration
        var attempts: Int
        /// Failures that lengthened the back-off (an attempt already under way when a failure was
        /// reported brings no news), and when the last of those was reported.
        var failures: Int
        var lastNewsAt: Duration
        /// The last failure: its kind, its text, and when it set the back-off now in force.
        var kind: ConnectFailure
        var message: String
        var reportedAt: Duration
        /// No new connect starts before this.
        var allowedAt: Duration

        /// The wait after `failures` failures under `retry`: a refusal is probed again within
        /// `ConnectFailure.refusedRetryCap`.
        func delay(_ retry: Backoff) -> Duration {
            let delay = retry.delay(afterFailures: failures)
            return kind == .refused ? Swift.min(delay, ConnectFailure.refusedRetryCap) : delay
        }
    }

    /// Records a failure of an attempt started at `startedAt`, reported at `now`.
    mutating func fail(startedAt: Duration, kind: ConnectFailure, message: String, retry: Backoff, now: Duration) {
        var state: Failing
        switch self {
        case .clear:
            state = Failing(since: now, attempts: 0, failures: 0, lastNewsAt: now, kind: kind, message: message,
                            reportedAt: now, allowedAt: now)
        case .failing(let failing):
            state = failing
        }
        state.attempts += 1
        if state.failures == 0 || startedAt > state.lastNewsAt {
            state.failures += 1
            state.lastNewsAt = now
        }
        state.kind = kind
        state.message = message
        state.reportedAt = now
        state.allowedAt = now + state.delay(retry)
        self = .failing(state)
    }

    /// A new `retry` re-times a back-off in progress from the failure that set it.
    mutating func retime(_ retry: Backoff, now: Duration) {
        guard case .failing(var state) = self, state.allowedAt > now else { return }
        state.allowedAt = state.reportedAt + state.delay(retry)
        self = .failing(state)
    }

    var failing: Failing? {
        if case .failing(let state) = self { return state }
        return nil
    }

    /// Failures that lengthened the back-off since the last success.
    var failures: Int { failing?.failures ?? 0 }
    var allowedAt: Duration { failing?.allowedAt ?? .zero }
    var lastError: String? { failing?.message }
}
