import FaultProxy
import LibPQ
import Testing

/// libpq through a loopback proxy that fails like a network: stalled, black-holed, cut, refused.
@Suite struct DeadLinkTests {
    private let clock = ContinuousClock()

    @Test func aQueryOnAFrozenLinkIsAbandonedWithinItsBound() async throws {
        let proxy = try await proxyToTestServer()
        defer { proxy.stop() }
        let watchdog = LinkWatchdog(bound: .seconds(1))
        let connection = try await PostgresConnection.connect(to: target(proxy), watchdog: watchdog)
        defer { connection.close() }
        // Longer than the test: the answer can only be the watchdog's, however slow the observer is.
        let query = Task { try await connection.query("SELECT pg_sleep(8)", watchedBy: watchdog) }
        try await waitUntilRunning("pg_sleep(8)", pid: connection.backendPID)
        let frozen = clock.now
        try proxy.set(.freeze)
        let outcome = await query.result
        let elapsed = clock.now - frozen
        #expect(throws: PostgresError.self) { try outcome.get() }
        if case .failure(let error as PostgresError) = outcome {
            #expect(error.kind == .connectionLost)
            #expect(error.message.contains("no answer from the server for 1s: connection abandoned"))
        }
        // The bound (1 s of silence, then 1 s for the probe), one look of the watchdog (an eighth of
        // it), and slack for a loaded machine: well before the statement's own 8 s.
        #expect(elapsed < .seconds(4))
        #expect(!connection.isUsable)
    }

    @Test func aSlowQueryOnAHealthyLinkOutlivesAShortBound() async throws {
        let proxy = try await proxyToTestServer()
        defer { proxy.stop() }
        // Half the bound for a check's login: short, yet not so short that a loaded machine misses it.
        let watchdog = LinkWatchdog(bound: .seconds(1))
        let connection = try await PostgresConnection.connect(to: target(proxy), watchdog: watchdog)
        defer { connection.close() }
        let result = try await connection.query("SELECT pg_sleep(2.5), 'done'", watchedBy: watchdog)
        #expect(result.rows == [["", "done"]])
        #expect(connection.isUsable)
        // The watchdog did check the link while the server was silent: each check is a new connection.
        #expect(proxy.acceptedConnections >= 2)
    }

    /// The owner's stop ends the watchdog's work: `run()` returns with its check cut short, and nothing
    /// of it acts afterwards (the check judged nothing; no check, no abandon after it).
    @Test func aStoppedWatchdogHasEndedItsWork() async throws {
        let proxy = try await proxyToTestServer()
        defer { proxy.stop() }
        // Half the bound for the check's login: the stop comes well inside it, even on a loaded machine.
        let watchdog = LinkWatchdog(bound: .seconds(4))
        let running = Task { await watchdog.run() }
        let connection = try await PostgresConnection.connect(to: target(proxy), watchdog: watchdog)
        defer { connection.close() }
        let query = Task { try await connection.query("SELECT pg_sleep(3), 'done'") }
        try await waitUntilRunning("pg_sleep(3)", pid: connection.backendPID)
        let accepted = proxy.acceptedConnections
        try proxy.set(.freeze)
        // Silent for half the bound, the link gets its check: a fresh session, held by the frozen proxy.
        try await waitUntil(within: .seconds(8)) { proxy.acceptedConnections > accepted }
        running.cancel()
        await running.value
        // Longer than the bound: a watchdog still at work would have abandoned the query by now.
        try await Task.sleep(for: .milliseconds(4500))
        #expect(connection.isUsable, "the check cut short by the stop closed the connection")
        #expect(proxy.acceptedConnections == accepted + 1, "a check ran after the stop")
        try proxy.set(.forward)
        let result = try await query.value
        #expect(result.rows == [["", "done"]])
    }

    @Test func connectingThroughABlackHoleTimesOutAtConnectTimeout() async throws {
        let proxy = try await proxyToTestServer()
        defer { proxy.stop() }
        try proxy.set(.blackHole)
        let started = clock.now
        // The target's connect_timeout replaces the caller's 30 s.
        let slow = try target(proxy, adding: "connect_timeout=2")
        await #expect {
            _ = try await PostgresConnection.connect(to: slow, timeout: .seconds(30))
        } throws: { error in
            (error as? PostgresError)?.kind == .timedOut
        }
        // At connect_timeout, not at the caller's 30 s (slack for a loaded machine).
        let elapsed = clock.now - started
        #expect(elapsed >= .milliseconds(1900) && elapsed < .seconds(10))
    }

    @Test func connectingToARefusingPortFailsFast() async throws {
        let proxy = try await proxyToTestServer()
        defer { proxy.stop() }
        try proxy.set(.refuse)
        let started = clock.now
        await #expect {
            _ = try await PostgresConnection.connect(to: target(proxy))
        } throws: { error in
            guard let error = error as? PostgresError else { return false }
            return error.kind == .connectionFailed && error.message.contains("refused") && !error.isServerFull
        }
        // A refusal ends the attempt at once, well inside the default 10 s timeout (slack for a
        // loaded machine: it takes milliseconds when the machine is quiet).
        #expect(clock.now - started < .seconds(4))
    }

    @Test func aCutLinkMidQueryIsAConnectionLoss() async throws {
        let proxy = try await proxyToTestServer()
        defer { proxy.stop() }
        let connection = try await PostgresConnection.connect(to: target(proxy))
        defer { connection.close() }
        let query = Task { try await connection.query("SELECT pg_sleep(5)") }
        try await waitUntilRunning("pg_sleep(5)", pid: connection.backendPID)
        let started = clock.now
        try proxy.set(.cut)
        await #expect {
            _ = try await query.value
        } throws: { error in
            (error as? PostgresError)?.kind == .connectionLost
        }
        // At once (milliseconds on a quiet machine), not at the statement's end 5 s later.
        #expect(clock.now - started < .seconds(3))
        #expect(!connection.isUsable)
        #expect(proxy.openConnections == 0)
    }

    @Test(arguments: [ProxyMode.cut, .refuse, .blackHole, .freeze])
    func afterForwardAgainANewConnectionWorks(_ fault: ProxyMode) async throws {
        let proxy = try await proxyToTestServer()
        defer { proxy.stop() }
        let before = try await PostgresConnection.connect(to: target(proxy))
        try proxy.set(fault)
        before.close()
        try proxy.set(.forward)
        let after = try await PostgresConnection.connect(to: target(proxy), timeout: .seconds(3))
        defer { after.close() }
        #expect(try await after.query("SELECT 1").rows == [["1"]])
    }

    @Test func aBlackHoledConnectGoesThroughWhenTheRouteIsBack() async throws {
        let proxy = try await proxyToTestServer()
        defer { proxy.stop() }
        try proxy.set(.blackHole)
        let connecting = Task { try await PostgresConnection.connect(to: target(proxy), timeout: .seconds(5)) }
        try await waitUntil { proxy.acceptedConnections == 1 }
        try proxy.set(.forward)
        let connection = try await connecting.value
        defer { connection.close() }
        #expect(try await connection.query("SELECT 1").rows == [["1"]])
    }

    private func proxyToTestServer() async throws -> FaultProxy {
        try FaultProxy(targetPort: try await testServerPort(), lifetime: .seconds(30))
    }

    private func target(_ proxy: FaultProxy, adding options: String = "") throws -> ConnectionTarget {
        try ConnectionTarget("host=127.0.0.1 port=\(proxy.port) dbname=postgres user=postgres sslmode=disable \(options)")
    }

    /// Polls `condition` every 5 ms for up to `limit`.
    private func waitUntil(within limit: Duration = .seconds(2), _ condition: () -> Bool) async throws {
        let deadline = clock.now + limit
        while !condition() {
            guard clock.now < deadline else { throw TestTimeout(description: "condition not met within \(limit)") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
