/// The server monitor's rules, with no I/O and no clock of its own: whether to use its session, connect
/// or wait out a back-off, and what to tell the screen when a session is made or lost. Generic over the
/// session so tests drive it with a stand-in; the monitor executes what it answers.
struct MonitorStateMachine<Connection: AnyObject & Sendable>: Sendable {
    enum State {
        /// Never connected, nothing failed yet.
        case idle
        case connected(Connection, since: Duration)
        /// The session was lost at `since`: the next use connects at once, and only if that fails is the server
        /// called unreachable (a session ended by pg_terminate_backend, with the server up, is no outage).
        case reconnecting(since: Duration, lastError: String)
        case unreachable(since: Duration, lastError: String, nextAttempt: Duration, attempt: Int)
        case closed
    }

    /// What a caller that needs the server should do now.
    enum Use {
        case existing(Connection)
        case connect
        /// Still backing off: answer with the reason until `until`.
        case wait(until: Duration, reason: String)
        case closed
    }

    /// The first retry comes after `firstRetry`, each next one after twice as long, never more than `maximumRetry`:
    /// short enough that the screen learns within a couple of seconds that the server is back.
    static var firstRetry: Duration { .milliseconds(250) }
    static var maximumRetry: Duration { .seconds(2) }
    /// Near max_connections from this share of it; warned again only after dropping below `clearShare`.
    static var nearShare: Double { 0.9 }
    static var clearShare: Double { 0.8 }

    private(set) var state = State.idle
    /// pg_postmaster_start_time() as the last session saw it, kept across outages to tell a restart.
    private(set) var postmasterStart: String?
    private var warnedNearMaximum = false

    static func retryDelay(afterAttempt attempt: Int) -> Duration {
        var delay = firstRetry
        for _ in 1..<max(1, attempt) where delay < maximumRetry { delay *= 2 }
        return min(delay, maximumRetry)
    }

    var reachability: ServerReachability {
        switch state {
        case .idle: .unknown
        case .connected(_, let since): .reachable(since: since)
        case .reconnecting(let since, let lastError): .unreachable(since: since, lastError: lastError, nextAttempt: since, attempt: 0)
        case .unreachable(let since, let lastError, let nextAttempt, let attempt):
            .unreachable(since: since, lastError: lastError, nextAttempt: nextAttempt, attempt: attempt)
        case .closed: .closed
        }
    }

    func use(at now: Duration) -> Use {
        switch state {
        case .idle, .reconnecting: .connect
        case .connected(let connection, _): .existing(connection)
        case .unreachable(_, let lastError, let nextAttempt, _): now >= nextAttempt ? .connect : .wait(until: nextAttempt, reason: lastError)
        case .closed: .closed
        }
    }

    /// A connect (and its first query, which read `postmasterStart`) succeeded. Answers the session to use
    /// (nil once closed) and a session to close: the fresh one if another caller's connect or a close came first.
    mutating func established(_ fresh: Connection, at now: Duration, postmasterStart start: String?)
        -> (use: Connection?, discard: Connection?, events: [ServerEvent]) {
        var events: [ServerEvent] = []
        switch state {
        case .closed: return (nil, fresh, [])
        case .connected(let other, _): return (other, fresh, [])
        case .idle, .reconnecting: break
        case .unreachable(let since, _, _, _): events.append(ServerEvent(at: now, kind: .back(after: now - since)))
        }
        if let start, let previous = postmasterStart, previous != start {
            events.append(ServerEvent(at: now, kind: .restarted(from: previous, to: start)))
        }
        if let start { postmasterStart = start }
        state = .connected(fresh, since: now)
        return (fresh, nil, events)
    }

    /// A connect failed, or `connection` was found lost (another session in its place is left alone).
    /// Answers the session to close and the events: a lost session is retried at once, and only the first
    /// failed connect of an outage is told, with the reason the session was lost if it was.
    mutating func failed(_ connection: Connection? = nil, at now: Duration, reason: String) -> (discard: Connection?, events: [ServerEvent]) {
        switch state {
        case .closed: return (nil, [])
        case .connected(let current, _):
            guard connection == nil || connection === current else { return (nil, []) }
            state = .reconnecting(since: now, lastError: reason)
            return (current, [])
        case .reconnecting(let since, let lost):
            guard connection == nil else { return (nil, []) }
            state = .unreachable(since: since, lastError: reason, nextAttempt: now + Self.retryDelay(afterAttempt: 1), attempt: 1)
            return (nil, [ServerEvent(at: since, kind: .unreachable(reason: lost))])
        case .idle:
            state = .unreachable(since: now, lastError: reason, nextAttempt: now + Self.retryDelay(afterAttempt: 1), attempt: 1)
            return (nil, [ServerEvent(at: now, kind: .unreachable(reason: reason))])
        case .unreachable(let since, _, _, let attempt):
            guard connection == nil else { return (nil, []) }
            state = .unreachable(since: since, lastError: reason, nextAttempt: now + Self.retryDelay(afterAttempt: attempt + 1),
                                 attempt: attempt + 1)
            return (nil, [])
        }
    }

    /// The client backends counted by a poll: warns once when they come near max_connections.
    mutating func observed(connections: Int, maximum: Int?, at now: Duration) -> [ServerEvent] {
        guard let maximum, maximum > 0 else { return [] }
        let share = Double(connections) / Double(maximum)
        if warnedNearMaximum {
            if share < Self.clearShare { warnedNearMaximum = false }
            return []
        }
        guard share >= Self.nearShare else { return [] }
        warnedNearMaximum = true
        return [ServerEvent(at: now, kind: .nearMaxConnections(connections: connections, maximum: maximum))]
    }

    /// Nothing connects again; answers the session to close.
    mutating func close() -> Connection? {
        defer { state = .closed }
        if case .connected(let connection, _) = state { return connection }
        return nil
    }
}
