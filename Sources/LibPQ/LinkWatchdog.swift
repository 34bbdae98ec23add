import CLibPQ
import Synchronization
import Waiting

/// Abandons a query whose link has gone dead, and only then.
///
/// A link can die without the kernel noticing soon (keepalives wait for idle, and a stalled middlebox
/// answers them), and a silent server may just be running a long query. So silence alone kills
/// nothing: once a running query's connection has received nothing for half its bound, the watchdog
/// opens a fresh session to the same target. Any answer (a session, or the server refusing one) shows
/// the path to the server works, and the query waits on; no answer within the other half means the
/// link is dead: the connection is closed and its query fails with `.connectionLost`. So a query on a
/// dead link is abandoned about one bound after the server's last byte (plus a tick), and a long query
/// on a healthy link costs one short login every half bound.
///
/// Owned, not process-wide: whoever opens connections with it (`PostgresConnection.connect(…watchdog:)`)
/// runs it for as long as they may be watched, `run()` in a task its stop cancels and awaits (a load
/// session), or `guarding { }` around each statement (the server monitors). The looks and the checks
/// happen only while it runs, each check a child task of `run()`, so when `run()` returns, nothing the
/// watchdog started is still going: a check cut short by the stop judges nothing.
public final class LinkWatchdog: Sendable {
    /// How long a running query may go without a sign of life on its link.
    public let bound: Duration

    /// One watched connection: heard from (traffic seen, or no query running) at a time, or being checked.
    private struct Watched {
        enum Phase {
            /// The last sign of life: the connection's traffic count then, and when.
            case heard(traffic: UInt64, at: ContinuousClock.Instant)
            /// Silent for half the bound with `traffic` unchanged: a fresh session is being tried.
            case checking(traffic: UInt64)
        }
        weak var connection: PostgresConnection?
        var phase: Phase
    }

    /// A connection silent for half its bound, to check while nothing else touches its entry.
    private struct Check {
        let id: ObjectIdentifier
        let connection: PostgresConnection
        let traffic: UInt64
    }

    private struct State {
        var watched: [ObjectIdentifier: Watched] = [:]
        /// `run()` parked while nothing is watched: woken by the next `watch`, with true.
        var idle = ParkedTasks<Bool, Void>()
    }
    private let state = Mutex(State())
    private let clock = ContinuousClock()

    public init(bound: Duration) {
        self.bound = bound
    }

    /// Watches `connection` until it closes (looked at while `run()` runs).
    func watch(_ connection: PostgresConnection) {
        let woken = state.withLock { state in
            state.watched[ObjectIdentifier(connection)] = Watched(connection: connection, phase: .heard(traffic: 0, at: clock.now))
            return state.idle.removeAll()
        }
        for continuation in woken { continuation.resume(returning: true) }
    }

    /// Looks every eighth of the bound while any connection is watched (parked while none is), until the
    /// calling task is cancelled. Each check runs as a child task, so this returns only after its checks
    /// have ended (they are cancelled with it).
    public func run() async {
        let interval = max(bound / 8, .milliseconds(10))
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                guard let checks = look() else {
                    if await state.park(in: \.idle, ifCancelled: false, unless: { $0.watched.isEmpty ? nil : true }) { continue }
                    return
                }
                for check in checks {
                    group.addTask { await self.perform(check) }
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Runs `body` with the watchdog running beside it as a child task, ended (and awaited) when `body`
    /// returns: for an owner whose connections run statements only inside its own calls.
    public func guarding<R: Sendable>(
        isolation: isolated (any Actor)? = #isolation, _ body: () async throws(PostgresError) -> R
    ) async throws(PostgresError) -> R {
        let outcome = await withDiscardingTaskGroup(returning: Result<R, PostgresError>.self) { group in
            group.addTask { await self.run() }
            defer { group.cancelAll() }
            do throws(PostgresError) {
                return .success(try await body())
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    /// Updates each entry from its connection's traffic; returns the connections to check now, or nil
    /// when no open connection is left to watch.
    private func look() -> [Check]? {
        let now = clock.now
        return state.withLock { state -> [Check]? in
            var checks: [Check] = []
            for (id, entry) in state.watched {
                guard let connection = entry.connection, connection.isUsable else {
                    state.watched[id] = nil
                    continue
                }
                guard case .heard(let traffic, let since) = entry.phase else { continue }
                let activity = connection.linkActivity
                if !activity.querying || activity.traffic != traffic {
                    state.watched[id]?.phase = .heard(traffic: activity.traffic, at: now)
                } else if now - since >= bound / 2 {
                    state.watched[id]?.phase = .checking(traffic: traffic)
                    checks.append(Check(id: id, connection: connection, traffic: traffic))
                }
            }
            return state.watched.isEmpty ? nil : checks
        }
    }

    private func perform(_ check: Check) async {
        let answered = await Self.serverAnswers(check.connection.target, within: bound / 2)
        // A check cut short by the owner's stop proves nothing: the connection is left as it is.
        let cut = Task.isCancelled
        let activity = check.connection.linkActivity
        let dead = !cut && !answered && activity.querying && activity.traffic == check.traffic
        state.withLock { state in
            if dead {
                state.watched[check.id] = nil
            } else {
                state.watched[check.id]?.phase = .heard(traffic: activity.traffic, at: clock.now)
            }
        }
        if dead {
            check.connection.close(failingQueryWith: PostgresError(
                kind: .connectionLost,
                message: "no answer from the server for \(bound.secondsText): connection abandoned (a new connection got no answer either)"))
        }
    }

    /// True when a new session to `target` opens, or the server refuses it, within `bound`; false when
    /// it times out (or is cancelled). Refused or unreachable also count as an answer: only silence
    /// proves nothing gets through (the kernel's keepalives handle a peer that is gone).
    private static func serverAnswers(_ target: ConnectionTarget, within bound: Duration) async -> Bool {
        do {
            let session = try await ConnectionHandshake.connect(to: target, timeout: bound, applicationName: "pooltop link check")
            PQfinish(session)
            return true
        } catch {
            return error.kind != .timedOut
        }
    }
}

extension Duration {
    /// "10s", "1.5s": whole milliseconds, for messages.
    var secondsText: String {
        let milliseconds = components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000)s" : "\(Double(milliseconds) / 1000)s"
    }
}

extension PostgresConnection {
    /// `query`, with `watchdog` (nil: none) running beside it for the statement's length (`LinkWatchdog.guarding`):
    /// for an owner whose statements are its only use of the link (the server monitors).
    public func query(
        _ sql: String, _ parameters: [String?] = [], watchedBy watchdog: LinkWatchdog?, isolation: isolated (any Actor)? = #isolation
    ) async throws(PostgresError) -> QueryResult {
        guard let watchdog else { return try await query(sql, parameters) }
        return try await watchdog.guarding(isolation: isolation) { () async throws(PostgresError) -> QueryResult in
            try await self.query(sql, parameters)
        }
    }
}
