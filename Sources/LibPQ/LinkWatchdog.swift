import CLibPQ
import Synchronization

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
final class LinkWatchdog: Sendable {
    static let shared = LinkWatchdog()

    private struct Watched {
        weak var connection: PostgresConnection?
        let bound: Duration
        var traffic: UInt64 = 0
        var silentSince: ContinuousClock.Instant
        var checking = false
    }

    /// A connection silent for half its bound, to check while nothing else touches its entry.
    private struct Check {
        let id: ObjectIdentifier
        let connection: PostgresConnection
        let bound: Duration
        let traffic: UInt64
    }

    private struct State {
        var watched: [ObjectIdentifier: Watched] = [:]
        var running = false
    }
    private let state = Mutex(State())
    private let clock = ContinuousClock()

    /// Watches `connection` until it closes; starts the watch when it was idle.
    func watch(_ connection: PostgresConnection, bound: Duration) {
        let start = state.withLock { state -> Bool in
            state.watched[ObjectIdentifier(connection)] = Watched(connection: connection, bound: bound, silentSince: clock.now)
            defer { state.running = true }
            return !state.running
        }
        if start { Task { await run() } }
    }

    /// Looks every eighth of the shortest bound until nothing is left to watch; each check runs as a
    /// child task, so the watch ends only after its checks have.
    private func run() async {
        await withDiscardingTaskGroup { group in
            while let (checks, interval) = look() {
                for check in checks {
                    group.addTask { await self.perform(check) }
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Updates each entry from its connection's traffic; returns the connections to check now and when
    /// to look again, or nil (and the watch stops) when no open connection is left.
    private func look() -> ([Check], Duration)? {
        let now = clock.now
        return state.withLock { state -> ([Check], Duration)? in
            var checks: [Check] = []
            for (id, entry) in state.watched {
                guard let connection = entry.connection, connection.isUsable else {
                    state.watched[id] = nil
                    continue
                }
                let activity = connection.linkActivity
                if !activity.querying || activity.traffic != entry.traffic {
                    state.watched[id]?.traffic = activity.traffic
                    state.watched[id]?.silentSince = now
                } else if !entry.checking && now - entry.silentSince >= entry.bound / 2 {
                    state.watched[id]?.checking = true
                    checks.append(Check(id: id, connection: connection, bound: entry.bound, traffic: activity.traffic))
                }
            }
            guard let shortest = state.watched.values.map(\.bound).min() else {
                state.running = false
                return nil
            }
            return (checks, max(shortest / 8, .milliseconds(10)))
        }
    }

    private func perform(_ check: Check) async {
        let answered = await Self.serverAnswers(check.connection.target, within: check.bound / 2)
        let activity = check.connection.linkActivity
        let dead = !answered && activity.querying && activity.traffic == check.traffic
        state.withLock { state in
            state.watched[check.id]?.checking = false
            state.watched[check.id]?.silentSince = clock.now
            if dead { state.watched[check.id] = nil }
        }
        if dead {
            check.connection.close(failingQueryWith: PostgresError(
                kind: .connectionLost,
                message: "no answer from the server for \(check.bound.secondsText): connection abandoned (a new connection got no answer either)"))
        }
    }

    /// True when a new session to `target` opens, or the server refuses it, within `bound`; false when
    /// it times out. Refused or unreachable also count as an answer: only silence proves nothing gets
    /// through (the kernel's keepalives handle a peer that is gone).
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
