import ConnectionPool
import LibPQ
import Testing
@testable import Workload

/// Issue 17: pg_terminate_backend on idle and on busy pool connections under load: noticed, named,
/// replaced; the workers carry on; a busy one's error is a lost connection, not a failed query.
@Suite("Faults: pool backends terminated under load")
struct BackendLossTests {
    /// Terminates the pool's backends that pg_stat_activity shows in `state` running `query` (any, if
    /// nil); returns their pids once at least one was.
    func terminate(_ load: FaultLoad, state: String, probe: ServerProbe) async throws -> Set<Int32> {
        let application = load.pool.snapshot().slots.isEmpty ? "" : try await applicationName(load, probe: probe)
        let terminated = try await eventually({
            try await probe.connection.query(
                "SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND state = $2",
                [application, state]
            ).rows.compactMap { $0.first.flatMap { $0 }.flatMap { Int32($0) } }
        }, until: { !$0.isEmpty })
        try #require(!terminated.isEmpty, "no \(state) backend of the pool to terminate")
        return Set(terminated)
    }

    func applicationName(_ load: FaultLoad, probe: ServerProbe) async throws -> String {
        let pid = try #require(load.pool.snapshot().slots.compactMap(\.backendPID).first)
        return try #require(try await probe.connection.query(
            "SELECT application_name FROM pg_stat_activity WHERE pid = $1", [String(pid)]).rows.first?.first ?? nil)
    }

    /// Each terminated backend's connection is counted lost once, named by its pid (with the server's
    /// reason when libpq read it before finding the socket closed: always for a busy one), and replaced.
    func expectNoticedAndReplaced(_ load: FaultLoad, _ terminated: Set<Int32>, reasonGiven: Bool) async throws {
        try await load.carriesOn()
        let named = try await eventually({
            Set(load.events.compactMap { kind -> Int32? in
                guard case .connectionLost(_, let pid?, let cause) = kind else { return nil }
                return !reasonGiven || cause.contains("administrator command") ? pid : nil
            })
        }, until: { terminated.isSubset(of: $0) })
        #expect(terminated.isSubset(of: named), "lost events named \(named), terminated \(terminated)")
        let pids = Set(load.pool.snapshot().slots.compactMap(\.backendPID))
        #expect(pids.isDisjoint(with: terminated))
        let measurement = load.generator.measure()
        #expect(measurement.totals.lostConnections == load.pool.snapshot().counters.connectionsLost)
        #expect(measurement.totals.errors == measurement.totals.lostConnections, "a lost connection, not a failed query")
        #expect(load.pool.snapshot().counters.connectionsLost == terminated.count)
    }

    @Test func idleBackendsTerminated() async throws {
        let probe = try await ServerProbe.open()
        defer { probe.close() }
        // Few workers that think: most of the pool's connections sit idle.
        let load = FaultLoad(
            target: try await serverTarget(), configuration: PoolConfiguration(poolSize: 4, maxOverflow: 0, minimumIdle: 4),
            workers: 2, query: .selectOne, thinkTime: .milliseconds(20))
        try await load.carriesOn()
        let terminated = try await terminate(load, state: "idle", probe: probe)
        // An idle one's next statement may find the socket closed before it reads the server's reason.
        try await expectNoticedAndReplaced(load, terminated, reasonGiven: false)
        try await load.finish()
    }

    @Test func busyBackendsTerminated() async throws {
        let probe = try await ServerProbe.open()
        defer { probe.close() }
        // Long statements: the pool's connections are busy in pg_sleep most of the time.
        let load = FaultLoad(
            target: try await serverTarget(), configuration: PoolConfiguration(poolSize: 3, maxOverflow: 0),
            workers: 6, query: .sleep(.milliseconds(300)))
        try await load.carriesOn(3)
        let terminated = try await terminate(load, state: "active", probe: probe)
        try await expectNoticedAndReplaced(load, terminated, reasonGiven: true)
        try await load.finish()
    }
}
