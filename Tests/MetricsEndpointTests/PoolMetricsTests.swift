import ConnectionPool
import ConnectionPoolTestUtils
import MetricsEndpoint
import Testing

/// `PoolMetrics` observing real pools over fake connections: the histograms count what the pool counts,
/// and a sweep's pools add up.
struct PoolMetricsTests {
    typealias FakePool = ConnectionPool<FakeConnectionFactory>

    static func scrape(_ metrics: PoolMetrics) async -> Exposition {
        Exposition(String(decoding: await metrics.exposition(), as: UTF8.self))
    }

    /// Runs `body` on a started pool observed by `metrics`, then shuts it down.
    static func withPool(
        _ configuration: PoolConfiguration, metrics: PoolMetrics, _ body: (FakePool) async throws -> Void
    ) async throws {
        let pool = ConnectionPool(configuration: configuration, factory: FakeConnectionFactory(), observer: metrics)
        let timer = Task { await pool.run() }
        try await body(pool)
        await pool.shutdown()
        await timer.value
    }

    @Test("wait, use and create histograms count the pool's check-outs, check-ins and connects")
    func histogramsCountWhatThePoolCounts() async throws {
        let metrics = PoolMetrics(poolName: "fake:1/db")
        try await Self.withPool(PoolConfiguration(poolSize: 2, maxOverflow: 2), metrics: metrics) { pool in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        for _ in 0..<50 {
                            let lease = try await pool.checkOut(holder: "worker-\(worker)")
                            await Task.yield()
                            await pool.checkIn(lease)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let snapshot = pool.snapshot()
            let exposition = await Self.scrape(metrics)
            #expect(snapshot.counters.checkouts == 400)
            #expect(exposition.value("db_client_connection_wait_time_seconds_count") == Double(snapshot.counters.checkouts))
            #expect(exposition.value("db_client_connection_use_time_seconds_count") == Double(snapshot.counters.checkins))
            #expect(exposition.value("db_client_connection_create_time_seconds_count") == Double(snapshot.counters.connects))
            let idle = exposition.value("db_client_connection_count", [MetricName.stateLabel: "idle"])
            let used = exposition.value("db_client_connection_count", [MetricName.stateLabel: "used"])
            #expect(idle == Double(snapshot.idle) && used == 0)
            #expect(exposition.value("db_client_connection_max") == 4)
            // The +Inf bucket holds every observation.
            #expect(exposition.value("db_client_connection_wait_time_seconds_bucket", ["le": "+Inf"]) == 400)
        }
    }

    @Test("a sweep's pools add up: timeouts and histogram counts grow across pools, counts follow the current one")
    func countersAddUpAcrossPools() async throws {
        let metrics = PoolMetrics(poolName: "fake:1/db")
        let configuration = PoolConfiguration(poolSize: 1, maxOverflow: 0, checkoutTimeout: .milliseconds(20))
        var checkouts = 0
        for timeouts in [1, 2] {
            try await Self.withPool(configuration, metrics: metrics) { pool in
                let held = try await pool.checkOut(holder: "holder")
                for _ in 0..<timeouts {
                    await #expect(throws: PoolError.self) { _ = try await pool.checkOut(holder: "waiter") }
                }
                await pool.checkIn(held)
                checkouts += pool.snapshot().counters.checkouts
                let during = await Self.scrape(metrics)
                #expect(during.value("db_client_connection_count", [MetricName.stateLabel: "idle"]) == 1)
            }
        }
        let after = await Self.scrape(metrics)
        #expect(after.value("db_client_connection_timeouts_total") == 3)
        #expect(after.value("db_client_connection_wait_time_seconds_count") == Double(checkouts))
        #expect(after.value("pooltop_connection_closes_total", [MetricName.reasonLabel: "shutdown"]) == 2)
        // After the last shutdown, nothing is open.
        #expect(after.value("db_client_connection_count", [MetricName.stateLabel: "idle"]) == 0)
        #expect(after.value("db_client_connection_count", [MetricName.stateLabel: "used"]) == 0)
    }

    @Test("db_client_connection_max leaves the exposition when the overflow becomes unlimited, and comes back")
    func maxFollowsReconfiguration() async throws {
        let metrics = PoolMetrics(poolName: "fake:1/db")
        try await Self.withPool(PoolConfiguration(poolSize: 3, maxOverflow: 1), metrics: metrics) { pool in
            #expect(await Self.scrape(metrics).value("db_client_connection_max") == 4)
            pool.reconfigure { $0.maxOverflow = -1 }
            #expect(!(await Self.scrape(metrics)).names.contains("db_client_connection_max"))
            pool.reconfigure { $0.maxOverflow = 2 }
            #expect(await Self.scrape(metrics).value("db_client_connection_max") == 5)
        }
    }
}
