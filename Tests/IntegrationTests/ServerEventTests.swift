import ConnectionPool
import LibPQ
import Testing
import Workload

/// What the pool does when the server side changes under it or the user changes the pool at runtime.
@Suite("The pool against a real server: lost backends, runtime shrink, reset on return")
struct ServerEventTests {
    /// One idle connection in the pool: checked out once and returned. Returns its backend pid.
    func oneIdleConnection(_ pool: PostgresPool) async throws -> Int32 {
        let pid = try await pool.withConnection(holder: "first") { connection in
            try #require(connection.backendPID)
        }
        #expect(try await eventually({ pool.snapshot().idle }, until: { $0 == 1 }) == 1)
        return pid
    }

    /// Terminates `pid` on the server and waits until pg_stat_activity no longer shows it.
    func terminate(_ pid: Int32, probe: ServerProbe) async throws {
        #expect(try await probe.terminate(pid))
        let state = try await eventually({ try await probe.state(ofBackend: pid) }, until: { $0 == nil })
        #expect(state == nil, "backend \(pid) still there after pg_terminate_backend")
    }

    @Test func backendKilledWhileIdleIsCaughtByPrePingAndReplacedWithinTheCheckout() async throws {
        let configuration = try #require(PoolConfiguration.preset(named: "pgx"))
        #expect(configuration.prePing)
        let probe = try await ServerProbe.open()
        defer { probe.close() }
        try await withPool(configuration, label: "kill-preping") { pool, application in
            let killed = try await oneIdleConnection(pool)
            try await terminate(killed, probe: probe)

            let (pid, answer) = try await pool.withConnection(holder: "after-kill") { connection in
                (connection.backendPID, try await connection.connection.query("SELECT pg_backend_pid()").rows)
            }
            #expect(pid != killed)
            #expect(answer == [[pid.map { String($0) }]])
            let snapshot = pool.snapshot()
            #expect(snapshot.counters.prePingFailures == 1)
            #expect(snapshot.counters.closes(.broken) == 1)
            #expect(snapshot.counters.connects == 2)
            let backends = try await eventually({ try await probe.backendPIDs(application: application) },
                                                until: { $0 == Set([pid].compactMap { $0 }) })
            #expect(backends == Set([pid].compactMap { $0 }))
        }
    }

    @Test func backendKilledWhileIdleWithoutPrePingFailsOnUseIsClosedAndReplaced() async throws {
        let configuration = try #require(PoolConfiguration.preset(named: "sqlalchemy"))
        #expect(!configuration.prePing)
        let probe = try await ServerProbe.open()
        defer { probe.close() }
        try await withPool(configuration, label: "kill-on-use") { pool, application in
            let killed = try await oneIdleConnection(pool)
            try await terminate(killed, probe: probe)

            // No pre-ping: the check-out hands over the dead session, the statement finds it lost.
            await #expect(throws: PostgresError.self) {
                try await pool.withConnection(holder: "finds-it-dead") { connection in
                    #expect(connection.backendPID == killed)
                    return try await connection.connection.query("SELECT 1").rows
                }
            }
            #expect(pool.snapshot().counters.closes(.broken) == 1)
            let pid = try await pool.withConnection(holder: "after-kill") { connection in
                _ = try await connection.connection.query("SELECT 1")
                return connection.backendPID
            }
            #expect(pid != nil && pid != killed)
            #expect(try await probe.backendPIDs(application: application) == Set([pid].compactMap { $0 }))
        }
    }

    @Test func shrinkingPoolSizeClosesIdleBackendsAtOnce() async throws {
        let configuration = try #require(PoolConfiguration.preset(named: "sqlalchemy"))
        let probe = try await ServerProbe.open()
        defer { probe.close() }
        try await withPool(configuration, label: "shrink") { pool, application in
            let leases = try await checkOutConcurrently(pool, count: configuration.poolSize, holder: "holder")
            await checkInAll(pool, leases)
            let before = try await eventually({ try await probe.backendCount(application: application) },
                                              until: { $0 == configuration.poolSize })
            #expect(before == configuration.poolSize)
            #expect(pool.snapshot().idle == configuration.poolSize)

            let smaller = configuration.poolSize - 3
            pool.reconfigure { $0.poolSize = smaller }
            // No check-out or check-in happens: the idle connections over the new size close by themselves.
            let after = try await eventually({ try await probe.backendCount(application: application) }, until: { $0 == smaller })
            #expect(after == smaller)
            let snapshot = pool.snapshot()
            #expect(snapshot.open == smaller)
            #expect(snapshot.counters.closes(.shrunk) == configuration.poolSize - smaller)
        }
    }

    /// One connection, so the next check-out gets the same session back (same backend pid).
    func singleConnection(reset: ResetMode) -> PoolConfiguration {
        PoolConfiguration(poolSize: 1, maxOverflow: 0, resetOnReturn: reset)
    }

    @Test(arguments: [ResetMode.discardAll, .rollback, .none])
    func sessionSettingSurvivesCheckInOnlyWithoutDiscardAll(reset: ResetMode) async throws {
        let probe = try await ServerProbe.open()
        defer { probe.close() }
        try await withPool(singleConnection(reset: reset), label: "reset-setting") { pool, application in
            let (pid, original) = try await pool.withConnection(holder: "sets") { connection in
                let original = try await connection.connection.query("SHOW work_mem").rows
                _ = try await connection.connection.query("SET work_mem = '7777kB'")
                #expect(try await connection.connection.query("SHOW work_mem").rows != original)
                return (connection.backendPID, original)
            }
            let (samePID, now) = try await pool.withConnection(holder: "reads") { connection in
                (connection.backendPID, try await connection.connection.query("SHOW work_mem").rows)
            }
            #expect(samePID == pid, "the session was replaced, not reset")
            // DISCARD ALL resets to the session's start-up values: the backend still carries the pool's
            // application_name, which the server panel and these tests find it by.
            #expect(try await probe.backendPIDs(application: application) == Set([pid].compactMap { $0 }))
            if reset == .discardAll {
                #expect(now == original)
            } else {
                #expect(now == [["7777kB"]])
            }
        }
    }

    @Test(arguments: [ResetMode.discardAll, .rollback, .none])
    func openTransactionIsRolledBackOnCheckInUnlessResetIsOff(reset: ResetMode) async throws {
        let probe = try await ServerProbe.open()
        defer { probe.close() }
        let table = uniqueName("reset_tx")
        try await probe.execute("CREATE TABLE \(table) (v int)")
        try await withPool(singleConnection(reset: reset), label: "reset-tx") { pool, _ in
            let pid = try await pool.withConnection(holder: "leaves-a-transaction-open") { connection in
                _ = try await connection.connection.query("BEGIN")
                _ = try await connection.connection.query("INSERT INTO \(table) VALUES (1)")
                return try #require(connection.backendPID)
            }
            // The server's view of that session once it is back in the pool.
            let state = try await eventually({ try await probe.state(ofBackend: pid) },
                                             until: { pool.snapshot().idle == 1 && $0 != "active" })
            #expect(pool.snapshot().idle == 1)
            let (samePID, status, rows) = try await pool.withConnection(holder: "next") { connection in
                (connection.backendPID, connection.connection.transactionStatus,
                 try await connection.connection.query("SELECT count(*) FROM \(table)").rows)
            }
            #expect(samePID == pid)
            if reset == .none {
                #expect(state == "idle in transaction")
                #expect(status == .inTransaction)
                #expect(rows == [["1"]], "the next holder runs inside the previous holder's transaction")
            } else {
                #expect(state == "idle")
                #expect(status == .idle)
                #expect(rows == [["0"]])
            }
            if reset == .none {
                _ = try await pool.withConnection(holder: "cleanup") { try await $0.connection.query("ROLLBACK") }
            }
        }
        #expect(try await probe.integer("SELECT count(*) FROM \(table)") == 0)
        try await probe.execute("DROP TABLE \(table)")
    }
}
