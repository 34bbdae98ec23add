import ConnectionPool
import LibPQ
import Testing
import Workload

/// Each preset's defining behaviour with real PostgreSQL sessions, checked both in the pool's snapshot and
/// on the server (pg_stat_activity rows carrying the pool's application_name, read over a separate connection).
@Suite("Presets behave like their pools on a real server")
struct PresetBehaviourTests {
    /// A check-out timeout short enough for a test, set once the holders have their connections (so a slow
    /// connect on a busy machine never turns into a spurious timeout).
    static let shortTimeout: Duration = .milliseconds(300)

    @Test func sqlalchemyHoldsCorePlusOverflowThenTimesOutNamingTheLimitsAndClosesOverflowOnReturn() async throws {
        let configuration = try #require(PoolConfiguration.preset(named: "sqlalchemy"))
        let capacity = try #require(configuration.maxConnections)
        #expect(configuration.maxOverflow > 0)
        let probe = try await ServerProbe.open()
        defer { probe.close() }
        try await withPool(configuration, label: "sqlalchemy") { pool, application in
            let leases = try await checkOutConcurrently(pool, count: capacity, holder: "holder")
            #expect(Set(leases.map(\.slot)).count == capacity)
            let held = pool.snapshot()
            #expect(held.inUse == capacity)
            #expect(held.overflowOpen == configuration.maxOverflow)
            #expect(try await probe.backendPIDs(application: application) == Set(leases.compactMap(\.connection.backendPID)))

            // One more: it waits (queued, no new backend), then times out naming the limits.
            pool.reconfigure { $0.checkoutTimeout = Self.shortTimeout }
            let extra = Task { await expectCheckOutTimesOut(pool, holder: "one-too-many") }
            let waiting = try await eventually({ pool.snapshot().waiters.count }, until: { $0 == 1 })
            #expect(waiting == 1)
            let limits = try #require(await extra.value)
            #expect(limits.contains("pool_size \(configuration.poolSize)"))
            #expect(limits.contains("max_overflow \(configuration.maxOverflow)"))
            #expect(limits.contains("\(capacity) in use"))
            #expect(pool.snapshot().counters.timeouts == 1)
            #expect(try await probe.backendCount(application: application) == capacity)

            // Returned overflow is closed once pool_size connections are idle again.
            await checkInAll(pool, leases)
            let backends = try await eventually({ try await probe.backendCount(application: application) },
                                                until: { $0 == configuration.poolSize })
            #expect(backends == configuration.poolSize)
            let after = pool.snapshot()
            #expect(after.open == configuration.poolSize && after.idle == configuration.poolSize)
            #expect(after.counters.closes(.overflowReturned) == configuration.maxOverflow)
        }
    }

    @Test func hikariOpensItsFixedPoolWithoutAnyCheckoutAndNeverGrows() async throws {
        let configuration = try #require(PoolConfiguration.preset(named: "hikari"))
        #expect(configuration.minimumIdle == configuration.poolSize && configuration.maxOverflow == 0)
        let probe = try await ServerProbe.open()
        defer { probe.close() }
        try await withPool(configuration, label: "hikari") { pool, application in
            let warm = try await eventually({ try await probe.backendPIDs(application: application) },
                                            until: { $0.count == configuration.poolSize })
            #expect(warm.count == configuration.poolSize)
            #expect(pool.snapshot().counters.checkouts == 0)
            #expect(try await eventually({ pool.snapshot().idle }, until: { $0 == configuration.poolSize }) == configuration.poolSize)
            #expect(poolBackendPIDs(pool) == warm)

            // Fixed size: every connection held, the next check-out waits and times out, nothing new opens.
            let leases = try await checkOutConcurrently(pool, count: configuration.poolSize, holder: "holder")
            #expect(Set(leases.compactMap(\.connection.backendPID)) == warm)
            pool.reconfigure { $0.checkoutTimeout = Self.shortTimeout }
            let limits = await expectCheckOutTimesOut(pool, holder: "one-too-many")
            #expect(limits?.contains("pool_size \(configuration.poolSize)") == true)
            #expect(try await probe.backendPIDs(application: application) == warm)
            #expect(pool.snapshot().counters.connects == configuration.poolSize)
            await checkInAll(pool, leases)
        }
    }

    @Test func psycopgOpensMinSizeEagerlyAndGrowsToMaxSizeUnderLoad() async throws {
        var configuration = try #require(PoolConfiguration.preset(named: "psycopg"))
        let minSize = configuration.minimumIdle
        #expect(minSize > 0)
        // psycopg_pool(min_size=…, max_size=2 × min_size): max_size is the pool size here.
        configuration.poolSize = 2 * minSize
        let maxSize = configuration.poolSize
        let probe = try await ServerProbe.open()
        defer { probe.close() }
        try await withPool(configuration, label: "psycopg") { pool, application in
            let eager = try await eventually({ try await probe.backendCount(application: application) }, until: { $0 == minSize })
            #expect(eager == minSize)
            #expect(pool.snapshot().counters.checkouts == 0)

            let leases = try await checkOutConcurrently(pool, count: maxSize, holder: "holder")
            #expect(try await probe.backendPIDs(application: application) == Set(leases.compactMap(\.connection.backendPID)))
            #expect(try await probe.backendCount(application: application) == maxSize)
            pool.reconfigure { $0.checkoutTimeout = Self.shortTimeout }
            _ = await expectCheckOutTimesOut(pool, holder: "one-too-many")
            #expect(try await probe.backendCount(application: application) == maxSize)
            await checkInAll(pool, leases)
        }
    }

    @Test func pgxNeverOpensMoreBackendsThanMaxConns() async throws {
        let configuration = try #require(PoolConfiguration.preset(named: "pgx"))
        let cap = try #require(configuration.maxConnections)
        try await withPool(configuration, label: "pgx") { pool, application in
            let peak = try await runContendedLoad(pool, application: application, tasks: 3 * cap)
            #expect(peak.server <= cap)
            #expect(peak.pool <= cap)
            // pgx keeps what it opened (no overflow to close): the cap was reached and stays open.
            let probe = try await ServerProbe.open()
            defer { probe.close() }
            #expect(try await eventually({ try await probe.backendCount(application: application) }, until: { $0 == cap }) == cap)
            #expect(pool.snapshot().counters.connects == cap)
        }
    }

    @Test func databaseSQLNeverOpensMoreThanMaxOpenAndKeepsMaxIdle() async throws {
        var configuration = try #require(PoolConfiguration.preset(named: "database-sql"))
        #expect(configuration.maxConnections == nil)
        let maxIdle = configuration.poolSize
        // db.SetMaxOpenConns(maxIdle + 3): the overflow is the room between MaxIdleConns and MaxOpenConns.
        configuration.maxOverflow = 3
        let cap = try #require(configuration.maxConnections)
        try await withPool(configuration, label: "database-sql") { pool, application in
            let peak = try await runContendedLoad(pool, application: application, tasks: 3 * cap)
            #expect(peak.server <= cap)
            #expect(peak.pool <= cap)
            #expect(pool.snapshot().counters.connects >= cap)
            // Back to MaxIdleConns once the load is gone.
            let probe = try await ServerProbe.open()
            defer { probe.close() }
            #expect(try await eventually({ try await probe.backendCount(application: application) }, until: { $0 == maxIdle }) == maxIdle)
        }
    }

    /// `tasks` tasks each run a few short sleeps through the pool while a watcher samples the pool's backends
    /// on the server and the pool's open count; returns the largest of each seen.
    func runContendedLoad(_ pool: PostgresPool, application: String, tasks: Int) async throws -> (server: Int, pool: Int) {
        let watcherProbe = try await ServerProbe.open()
        defer { watcherProbe.close() }
        let watcher = Task { () -> (server: Int, pool: Int) in
            var peak = (server: 0, pool: 0)
            while !Task.isCancelled {
                let count = (try? await watcherProbe.backendCount(application: application)) ?? 0
                peak = (max(peak.server, count), max(peak.pool, pool.snapshot().open))
                try? await Task.sleep(for: .milliseconds(5))
            }
            return peak
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<tasks {
                group.addTask {
                    for _ in 0..<5 {
                        _ = try await pool.withConnection(holder: "task-\(index)") { connection in
                            try await connection.connection.query("SELECT pg_sleep(0.01)")
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        watcher.cancel()
        return await watcher.value
    }
}
