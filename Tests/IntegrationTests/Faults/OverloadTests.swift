import ConnectionPool
import LibPQ
import Testing
@testable import Workload

/// Issue 17: overload past the check-out timeout gives clear, counted timeouts and leaves nothing
/// waiting; statement_timeout and a cancel leave the connection reusable.
@Suite("Faults: overload, statement timeouts and cancels")
struct OverloadTests {
    @Test func overloadPastTheCheckoutTimeout() async throws {
        // 2 connections, 16 workers of 100 ms statements: a check-out waits ~800 ms against a 200 ms timeout.
        let configuration = PoolConfiguration(poolSize: 2, maxOverflow: 0, checkoutTimeout: .milliseconds(200))
        let load = FaultLoad(target: try await serverTarget(), configuration: configuration, workers: 16, query: .sleep(.milliseconds(100)))
        let timeouts = try await eventually({ load.pool.snapshot().counters.timeouts }, until: { $0 >= 10 })
        #expect(timeouts >= 10)
        try await load.carriesOn(5)
        #expect(load.events.contains { kind in
            if case .checkoutTimedOut(_, let waited, let limits) = kind {
                waited >= configuration.checkoutTimeout && limits.contains("pool_size 2, max_overflow 0, timeout 200ms")
            } else { false }
        })
        try await load.finish()
        let measurement = load.generator.measure()
        #expect(measurement.totals.timeouts == load.pool.snapshot().counters.timeouts)
        #expect(measurement.totals.errors == 0)
    }

    @Test func statementTimeoutAndCancelLeaveTheConnectionReusable() async throws {
        try await withPool(PoolConfiguration(poolSize: 1, maxOverflow: 0), label: "stmt-timeout") { pool, _ in
            let first = try await pool.checkOut(holder: "timeout")
            await #expect {
                _ = try await first.connection.connection.query("SET statement_timeout = '100ms'; SELECT pg_sleep(5)")
            } throws: { error in
                (error as? PostgresError).map { $0.sqlState == "57014" && $0.kind == .queryFailed } ?? false
            }
            #expect(first.connection.isUsable)
            _ = try await first.connection.connection.query("RESET statement_timeout")
            await pool.checkIn(first)

            let second = try await pool.checkOut(holder: "cancel")
            #expect(second.slot == first.slot)
            let sleeping = Task { try await second.connection.connection.query("SELECT pg_sleep(5)") }
            let probe = try await ServerProbe.open()
            defer { probe.close() }
            let pid = try #require(second.connection.backendPID)
            #expect(try await eventually({ try await probe.state(ofBackend: pid) }, until: { $0 == "active" }) == "active")
            second.connection.connection.cancel()
            await #expect {
                _ = try await sleeping.value
            } throws: { error in
                (error as? PostgresError).map { $0.sqlState == "57014" && $0.kind == .queryFailed } ?? false
            }
            #expect(try await second.connection.connection.query("SELECT 1").rows == [["1"]])
            await pool.checkIn(second)

            let third = try await pool.checkOut(holder: "after")
            #expect(third.slot == first.slot)
            await pool.checkIn(third)
            let snapshot = pool.snapshot()
            expectCountsAddUp(snapshot)
            #expect(snapshot.counters.connects == 1)
            #expect(snapshot.counters.connectionsLost == 0)
        }
    }
}
