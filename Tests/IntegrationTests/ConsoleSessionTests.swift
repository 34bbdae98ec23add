import ConnectionPool
import LibPQ
import Testing
import Workload

/// The console's session against the real server: cancelling keeps the connection, a transaction keeps the
/// lease (holder "console") until it ends, notices come with the statement, and errors keep their fields.
@Suite struct ConsoleSessionTests {
    private func start() async throws -> LoadSession {
        var configuration = PoolConfiguration.sqlalchemy
        configuration.idleOrder = .lifo
        return try await LoadSession.start(
            target: try await serverTarget(), configuration: configuration, settings: LoadSettings(workers: 0, paused: true),
            applicationName: uniqueName("console"))
    }

    private func consoleSlots(_ pool: ConnectionPool<PostgresConnectionFactory>) -> [Slot] {
        pool.snapshot().slots.filter { $0.state == .inUse && $0.holder == ConsoleSession.holder }
    }

    @Test func cancelEndsTheStatementAndTheConnectionIsReused() async throws {
        let session = try await start()
        let console = ConsoleSession(session: session)
        let first = await console.run("SELECT pg_backend_pid()")
        let pid = try first.result.get().rows.first?.first.flatMap { $0 }
        #expect(pid == first.backendPID.map(String.init))

        let clock = ContinuousClock()
        async let sleeping = console.run("SELECT pg_sleep(30)")
        let probe = try await ServerProbe.open()
        defer { probe.connection.close() }
        let active = try await eventually({
            try await probe.connection.query("SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)' AND state = 'active'").rows.first?.first ?? nil
        }, until: { $0 == "1" })
        #expect(active == "1")
        let asked = clock.now
        console.cancel()
        let outcome = await sleeping
        #expect(clock.now - asked < .seconds(1), "the cancel took \(clock.now - asked)")
        #expect(outcome.cancelled)
        #expect(outcome.backendPID == first.backendPID)

        let after = await console.run("SELECT pg_backend_pid()")
        #expect(after.backendPID == first.backendPID, "the connection was not kept after the cancel")
        #expect(!console.holdsConnection)
        await session.stop()
    }

    @Test func aTransactionHoldsTheLeaseUntilItEnds() async throws {
        let session = try await start()
        let pool = try #require(session.pool)
        let console = ConsoleSession(session: session)
        #expect(consoleSlots(pool).isEmpty)
        let begun = await console.run("BEGIN")
        #expect(begun.transaction == .inTransaction)
        #expect(consoleSlots(pool).count == 1, "BEGIN keeps the slot checked out by the console")
        let failed = await console.run("SELECT 1/0")
        #expect(failed.transaction == .inFailedTransaction)
        #expect(consoleSlots(pool).count == 1, "a failed transaction still holds the slot")
        let ended = await console.run("ROLLBACK")
        #expect(ended.transaction == .idle)
        #expect(consoleSlots(pool).isEmpty, "ROLLBACK gives the slot back")

        _ = await console.run("BEGIN")
        _ = await console.run("CREATE TEMP TABLE console_end (v int)")
        await console.end()
        #expect(consoleSlots(pool).isEmpty && !console.holdsConnection, "ending the session gives the slot back")
        let gone = await console.run("SELECT count(*) FROM pg_class WHERE relname = 'console_end'")
        #expect(try gone.result.get().rows.first?.first == "0", "ending the session rolled the transaction back")
        await session.stop()
    }

    @Test func noticesComeWithTheStatementAndErrorsKeepTheirFields() async throws {
        let session = try await start()
        let console = ConsoleSession(session: session)
        let noticed = await console.run("DO $$ BEGIN RAISE NOTICE 'hello %', 42; RAISE WARNING 'careful' USING HINT = 'mind it'; END $$")
        #expect(noticed.notices.map(\.message) == ["hello 42", "careful"])
        #expect(noticed.notices.map(\.severity) == ["NOTICE", "WARNING"])
        #expect(noticed.notices.last?.hint == "mind it")
        let next = await console.run("SELECT 1")
        #expect(next.notices.isEmpty, "notices belong to the statement that caused them")

        let failed = await console.run("SELECT * FROM no_such_table_here")
        guard case .failure(let error) = failed.result else {
            Issue.record("the statement did not fail")
            return
        }
        #expect(error.sqlState == "42P01")
        #expect(error.position == 15)
        #expect(!failed.cancelled)
        await session.stop()
    }
}
