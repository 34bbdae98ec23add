import ConnectionPoolTestUtils
import Testing
@testable import Workload

/// The server monitor's rules on a manual clock, with stand-in sessions: when it connects, how it backs off,
/// and what it tells about outages, returns and restarts.
@Suite struct MonitorStateMachineTests {
    final class Session: Sendable {}
    typealias Machine = MonitorStateMachine<Session>

    /// A machine with a session made at the clock's now, from a server started at `start`.
    func connectedMachine(_ clock: ManualClock, start: String = "2026-12-03 07:00:00.1+00") -> (Machine, Session) {
        var machine = Machine()
        let session = Session()
        _ = machine.established(session, at: clock.now, postmasterStart: start)
        return (machine, session)
    }

    @Test func aFreshMachineConnectsAndTheFirstSessionTellsNothing() {
        let clock = ManualClock()
        var machine = Machine()
        guard case .connect = machine.use(at: clock.now) else { Issue.record("a fresh machine does not connect"); return }
        let session = Session()
        let outcome = machine.established(session, at: clock.now, postmasterStart: "2026-12-03 07:00:00+00")
        #expect(outcome.use === session)
        #expect(outcome.discard == nil)
        #expect(outcome.events.isEmpty)
        #expect(machine.reachability == .reachable(since: clock.now))
        guard case .existing(let used) = machine.use(at: clock.now) else { Issue.record("the session is not reused"); return }
        #expect(used === session)
    }

    @Test func aLostSessionIsRetriedAtOnceAndAFailedRetryTellsUnreachableWithTheLossReason() {
        let clock = ManualClock(now: .seconds(10))
        var (machine, session) = connectedMachine(clock)
        clock.advance(by: .seconds(5))
        let lostAt = clock.now
        let lost = machine.failed(session, at: clock.now, reason: "terminating connection due to administrator command")
        #expect(lost.discard === session)
        #expect(lost.events.isEmpty, "a lost session was called an outage before a retry")
        guard case .connect = machine.use(at: clock.now) else { Issue.record("no immediate retry after a loss"); return }

        clock.advance(by: .milliseconds(3))
        let refused = machine.failed(at: clock.now, reason: "connection refused")
        #expect(refused.events == [ServerEvent(at: lostAt, kind: .unreachable(reason: "terminating connection due to administrator command"))])
        let retryAt = clock.now + Machine.firstRetry
        #expect(machine.reachability == .unreachable(since: lostAt, lastError: "connection refused", nextAttempt: retryAt, attempt: 1))
        guard case .wait(let until, let reason) = machine.use(at: clock.now) else { Issue.record("no back-off after a refusal"); return }
        #expect(until == retryAt)
        #expect(reason == "connection refused")

        clock.advance(by: Machine.firstRetry)
        guard case .connect = machine.use(at: clock.now) else { Issue.record("no attempt once the back-off passed"); return }
        let again = machine.failed(at: clock.now, reason: "the database system is starting up")
        #expect(again.events.isEmpty, "every failed attempt of one outage was told")
        guard case .unreachable(let since, let lastError, _, let attempt) = machine.reachability else { Issue.record("reachable"); return }
        #expect(since == lostAt)
        #expect(lastError == "the database system is starting up")
        #expect(attempt == 2)
    }

    @Test func aLostSessionReplacedAtOnceIsNoOutageUnlessTheServerRestarted() {
        let clock = ManualClock()
        var (machine, session) = connectedMachine(clock, start: "2026-12-03 07:00:00.1+00")
        _ = machine.failed(session, at: clock.now, reason: "terminating connection due to administrator command")
        let replaced = machine.established(Session(), at: clock.now, postmasterStart: "2026-12-03 07:00:00.1+00")
        #expect(replaced.events.isEmpty)
        #expect(machine.reachability == .reachable(since: clock.now))

        guard case .existing(let current) = machine.use(at: clock.now) else { Issue.record("no session"); return }
        _ = machine.failed(current, at: clock.now, reason: "server closed the connection unexpectedly")
        let restarted = machine.established(Session(), at: clock.now, postmasterStart: "2026-12-03 07:00:01.5+00")
        #expect(restarted.events == [ServerEvent(at: clock.now, kind: .restarted(from: "2026-12-03 07:00:00.1+00", to: "2026-12-03 07:00:01.5+00"))])
    }

    @Test func theBackOffDoublesUpToTwoSeconds() {
        let clock = ManualClock()
        var machine = Machine()
        var gaps: [Duration] = []
        for _ in 1...7 {
            _ = machine.failed(at: clock.now, reason: "connection refused")
            guard case .unreachable(_, _, let next, _) = machine.reachability else { Issue.record("reachable"); return }
            gaps.append(next - clock.now)
            clock.advance(by: next - clock.now)
        }
        #expect(gaps == [.milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(2), .seconds(2), .seconds(2)])
        #expect(gaps.allSatisfy { $0 <= Machine.maximumRetry })
    }

    @Test func aSessionAfterAnOutageTellsHowLongItLastedAndARestart() {
        let clock = ManualClock()
        var (machine, session) = connectedMachine(clock, start: "2026-12-03 07:00:00.1+00")
        _ = machine.failed(session, at: clock.now, reason: "server closed the connection unexpectedly")
        let down = clock.now
        _ = machine.failed(at: clock.now, reason: "connection refused")
        clock.advance(by: .seconds(14))
        let again = Session()
        let outcome = machine.established(again, at: clock.now, postmasterStart: "2026-12-03 07:05:00.2+00")
        #expect(outcome.use === again)
        #expect(outcome.events == [
            ServerEvent(at: clock.now, kind: .back(after: clock.now - down)),
            ServerEvent(at: clock.now, kind: .restarted(from: "2026-12-03 07:00:00.1+00", to: "2026-12-03 07:05:00.2+00")),
        ])
        #expect(machine.reachability == .reachable(since: clock.now))
    }

    @Test func aServerThatWasOnlyUnreachableIsNotCalledRestarted() {
        let clock = ManualClock()
        var (machine, session) = connectedMachine(clock, start: "2026-12-03 07:00:00.1+00")
        _ = machine.failed(session, at: clock.now, reason: "timeout expired")
        _ = machine.failed(at: clock.now, reason: "timeout expired")
        clock.advance(by: .seconds(3))
        let outcome = machine.established(Session(), at: clock.now, postmasterStart: "2026-12-03 07:00:00.1+00")
        #expect(outcome.events == [ServerEvent(at: clock.now, kind: .back(after: .seconds(3)))])
    }

    @Test func aSecondConnectOrACloseThatCameFirstDiscardsTheFreshSession() {
        let clock = ManualClock()
        var (machine, first) = connectedMachine(clock)
        let late = Session()
        let raced = machine.established(late, at: clock.now, postmasterStart: nil)
        #expect(raced.use === first)
        #expect(raced.discard === late)
        #expect(raced.events.isEmpty)

        #expect(machine.close() === first)
        let afterClose = machine.established(Session(), at: clock.now, postmasterStart: nil)
        #expect(afterClose.use == nil)
        #expect(afterClose.discard != nil)
        guard case .closed = machine.use(at: clock.now + .seconds(60)) else { Issue.record("a closed machine connects"); return }
        #expect(machine.failed(at: clock.now, reason: "connection refused").events.isEmpty)
        #expect(machine.reachability == .closed)
    }

    @Test func aLossReportedForAReplacedSessionIsIgnored() {
        let clock = ManualClock()
        var (machine, current) = connectedMachine(clock)
        let outcome = machine.failed(Session(), at: clock.now, reason: "connection lost")
        #expect(outcome.discard == nil)
        #expect(outcome.events.isEmpty)
        #expect(machine.reachability == .reachable(since: clock.now))
        guard case .existing(let used) = machine.use(at: clock.now) else { Issue.record("the session was dropped"); return }
        #expect(used === current)
    }

    @Test func nearMaxConnectionsIsToldOnceUntilTheServerCalmsDown() {
        let clock = ManualClock()
        var machine = Machine()
        #expect(machine.observed(connections: 89, maximum: 100, at: clock.now).isEmpty)
        #expect(machine.observed(connections: 90, maximum: 100, at: clock.now)
            == [ServerEvent(at: clock.now, kind: .nearMaxConnections(connections: 90, maximum: 100))])
        #expect(machine.observed(connections: 99, maximum: 100, at: clock.now).isEmpty)
        #expect(machine.observed(connections: 80, maximum: 100, at: clock.now).isEmpty, "warned again before dropping below the clear share")
        #expect(machine.observed(connections: 95, maximum: 100, at: clock.now).isEmpty)
        #expect(machine.observed(connections: 79, maximum: 100, at: clock.now).isEmpty)
        #expect(machine.observed(connections: 95, maximum: 100, at: clock.now).count == 1)
        #expect(machine.observed(connections: 5, maximum: nil, at: clock.now).isEmpty)
    }

    @Test func thePollerWaitsNoLongerThanUntilTheNextAttempt() {
        let interval = Duration.seconds(1)
        #expect(ServerReachability.reachable(since: .zero).pollDelay(now: .seconds(5), interval: interval) == interval)
        let soon = ServerReachability.unreachable(since: .zero, lastError: "x", nextAttempt: .milliseconds(5250), attempt: 1)
        #expect(soon.pollDelay(now: .seconds(5), interval: interval) == .milliseconds(250))
        let later = ServerReachability.unreachable(since: .zero, lastError: "x", nextAttempt: .seconds(7), attempt: 4)
        #expect(later.pollDelay(now: .seconds(5), interval: interval) == interval)
    }

    @Test func libpqsConnectMessageReadsAsItsReason() {
        let refused = "connection to server at \"127.0.0.1\", port 5432 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?"
        #expect(UnreachableReason.shortened(refused) == "connection refused")
        let lost = "server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally"
        #expect(UnreachableReason.shortened(lost) == "server closed the connection unexpectedly")
        #expect(UnreachableReason.shortened("FATAL:  the database system is starting up") == "FATAL:  the database system is starting up")
    }
}
