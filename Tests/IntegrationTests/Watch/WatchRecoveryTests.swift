import LibPQ
import Testing
import Workload

/// The watch's poller (a child task of `watching(during:)`) against a server that goes away and comes back:
/// it says "n/a: server unreachable — …" with no stale pools, keeps the limit it knew, and is back by itself.
@Suite struct WatchRecoveryTests {
    @Test func thePollerSaysTheServerIsUnreachableAndComesBackByItself() async throws {
        let server = try await RestartableServer.start()
        defer { server.tearDown() }
        let monitor = ServerMonitor(target: try ConnectionTarget(server.cluster.url), applicationName: uniqueName("watch_restart"))
        let watcher = ServerWatcher(monitor: monitor, interval: .milliseconds(200))
        let application = uniqueName("survivor")
        let client = try await PostgresConnection.connect(to: try ConnectionTarget(server.cluster.url + "?application_name=\(application)"))

        try await watcher.watching {
            let up = try await eventually({ watcher.snapshot() }, until: { $0.pools.contains { $0.key.application == application } })
            #expect(up.unavailable == nil && up.limit != nil, "\(up.unavailable ?? "no limit")")
            client.close()

            try server.stop()
            let down = try await eventually({ watcher.snapshot() }, until: { $0.reachability.isUnreachable })
            #expect(down.unavailable?.hasPrefix("n/a: server unreachable — ") == true, "\(down.unavailable ?? "available")")
            #expect(down.pools.isEmpty, "stale pools shown while the server is down")
            #expect(down.limit == up.limit, "what was known of the server was forgotten")

            try server.start()
            let back = try await eventually({ watcher.snapshot() }, until: { $0.unavailable == nil })
            #expect(back.unavailable == nil, "the poller did not come back by itself: \(back.unavailable ?? "")")
            guard case .reachable = back.reachability else { Issue.record("not reachable after the start: \(back.reachability)"); return }
            #expect(!back.pools.contains { $0.key.application == application }, "a connection of the stopped server is still counted")
            let told = back.events.map(\.kind)
            #expect(told.contains { if case .back = $0 { true } else { false } }, "no 'back' event: \(told)")
            #expect(told.contains { if case .restarted = $0 { true } else { false } }, "no restart event: \(told)")
        }
        await monitor.close()
    }
}
