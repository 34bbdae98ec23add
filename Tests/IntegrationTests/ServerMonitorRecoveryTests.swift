import LibPQ
import Testing
import Workload

/// The server monitor against a real server that goes away and comes back: it says so, reconnects by itself
/// within its back-off, and tells the restart by the postmaster start time.
@Suite struct ServerMonitorRecoveryTests {
    /// What the polls saw until `done`: the last snapshot, every event, and the longest gap to a next attempt.
    struct Watch {
        var snapshot = ServerSnapshot()
        var events: [ServerEvent] = []
        var longestRetryGap: Duration = .zero
    }

    /// Polls as the live source does (every second, sooner when the next attempt is due) until `done` or `timeout`.
    func watch(_ monitor: ServerMonitor, within timeout: Duration = .seconds(30), until done: (ServerSnapshot) -> Bool) async throws -> Watch {
        var watch = Watch()
        let deadline = monitor.clock.now + timeout
        while true {
            watch.snapshot = await monitor.poll()
            watch.events += await monitor.takeEvents()
            let now = monitor.clock.now
            if case .unreachable(_, _, let next, _) = watch.snapshot.reachability {
                watch.longestRetryGap = max(watch.longestRetryGap, next - now)
            }
            if done(watch.snapshot) || now >= deadline { return watch }
            try await Task.sleep(for: watch.snapshot.reachability.pollDelay(now: now, interval: .seconds(1)))
        }
    }

    @Test func theMonitorSeesTheServerGoReconnectsByItselfAndTellsTheRestart() async throws {
        let server = try await RestartableServer.start()
        defer { server.tearDown() }
        let monitor = ServerMonitor(target: try ConnectionTarget(server.cluster.url), applicationName: uniqueName("monitor_restart"))
        defer { Task { await monitor.close() } }

        let before = try await watch(monitor) { $0.unavailable == nil }
        #expect(before.snapshot.unavailable == nil)
        guard case .reachable = before.snapshot.reachability else { Issue.record("not reachable at first"); return }
        #expect(before.events.isEmpty)

        try server.stop()
        let stoppedAt = monitor.clock.now
        let down = try await watch(monitor) { $0.reachability.isUnreachable }
        let noticed = monitor.clock.now - stoppedAt
        guard case .unreachable(let since, _, _, _) = down.snapshot.reachability else { Issue.record("never unreachable"); return }
        #expect(down.snapshot.unavailable?.hasPrefix("n/a: server unreachable") == true)
        #expect(down.snapshot.backends.isEmpty, "stale backends shown while the server is down")
        #expect(down.snapshot.maxConnections == before.snapshot.maxConnections, "what is known of the server was forgotten")
        #expect(down.events.count == 1)
        guard case .unreachable(let reason)? = down.events.first?.kind else { Issue.record("no unreachable event"); return }
        #expect(!reason.isEmpty)

        // Down long enough for several attempts to be refused.
        let downFor = try await watch(monitor, within: .seconds(3)) { _ in false }
        #expect(downFor.events.isEmpty, "a refused attempt was told again")
        #expect(downFor.snapshot.unavailable?.contains("connection refused") == true)

        try server.start()
        let startedAt = monitor.clock.now
        let back = try await watch(monitor) { $0.unavailable == nil }
        let reconnected = monitor.clock.now - startedAt
        guard case .reachable(let backSince) = back.snapshot.reachability else { Issue.record("never back"); return }
        #expect(back.longestRetryGap <= .seconds(2), "the back-off went past its 2 s cap")
        #expect(reconnected <= .seconds(2) + .seconds(5), "not back within the back-off cap and a connect timeout")
        #expect(back.events.count == 2)
        guard case .back(let after)? = back.events.first?.kind else { Issue.record("no back event: \(back.events)"); return }
        #expect(after == backSince - since)
        guard case .restarted(let from, let to)? = back.events.last?.kind else { Issue.record("no restart event: \(back.events)"); return }
        #expect(from != to)
        print("monitor noticed the stop after \(noticed), was back \(reconnected) after the start; events: \((down.events + back.events).map(\.kind))")
    }
}
