import ConnectionPool
import EmbeddedPostgres
import Foundation
import LibPQ
import MetricsEndpoint
import Testing
import Workload

/// A real Prometheus scrapes the metrics endpoint every second while a load overloads a small pool on the
/// embedded server; at a quiet moment, what Prometheus stored must match the pool's snapshot.
struct PrometheusScrapeTests {
    static let poolName = "scrape-test"

    func series(_ name: String) -> String { "\(name){\(MetricName.poolNameLabel)=\"\(Self.poolName)\"}" }

    @Test("Prometheus, scraping during an overload, stores what the pool's snapshot says", .timeLimit(.minutes(3)))
    func scrapedSeriesMatchTheSnapshot() async throws {
        let target = try await serverTarget()
        let address = MetricsAddress(host: .ipv4("127.0.0.1"), port: UInt16(try LoopbackPort.free()))
        let monitor = ServerMonitor(target: target, applicationName: uniqueName("metrics_monitor"))
        let metrics = PoolMetrics(poolName: Self.poolName) {
            let server = await monitor.poll()
            return ServerReading(connections: server.connections, maxConnections: server.maxConnections)
        }
        // pool_size 3 + 2 overflow, 30 ms timeout, 16 workers on 20 ms statements: check-outs time out.
        var configuration = PoolConfiguration(poolSize: 3, maxOverflow: 2, checkoutTimeout: .milliseconds(30))
        configuration.minimumIdle = 1
        configuration.idleTimeout = nil
        configuration.maxLifetime = nil
        let settings = LoadSettings(workers: 16, mix: QueryMix([.init(.sleep(.milliseconds(20)))]))
        let prometheus = try await PrometheusServer.start(scraping: address.description)
        defer { prometheus.stop() }
        try await MetricsServer(address: address, metrics: metrics).serving {
            let session = try await LoadSession.start(
                target: target, configuration: configuration, settings: settings, applicationName: uniqueName("metrics"),
                observer: metrics)
            do {
                try await check(session, prometheus: prometheus, monitor: monitor)
            } catch {
                await session.stop()
                throw error
            }
            await session.stop()
        }
        await monitor.close()
    }

    private func check(_ session: LoadSession, prometheus: PrometheusServer, monitor: ServerMonitor) async throws {
        let pool = try #require(session.pool)
        // During the overload: Prometheus has scraped waiters and timeouts.
        let overloaded = try await eventually(within: .seconds(30), every: .milliseconds(250)) {
            (try await prometheus.value(series("db_client_connection_timeouts_total")) ?? 0,
             try await prometheus.value(series("db_client_connection_pending_requests")) ?? 0)
        } until: { $0.0 > 0 && $0.1 > 0 }
        #expect(overloaded.0 > 0, "no timeouts scraped")
        #expect(overloaded.1 > 0, "no waiters scraped")

        // A quiet moment: the load stops, every connection is back and none opens or closes.
        await session.generator.stop()
        let snapshot = try await eventually(within: .seconds(10)) { pool.snapshot() } until: { $0.open == $0.idle }
        #expect(snapshot.open == snapshot.idle, "not quiet: \(snapshot.slots.map(\.state))")
        let quietAt = Date().timeIntervalSince1970

        // Wait for a scrape taken after it, then read that scrape's series.
        let scrapedAt = try await eventually(within: .seconds(30), every: .milliseconds(250)) {
            try await prometheus.value("timestamp(\(series("db_client_connection_max")))") ?? 0
        } until: { $0 > quietAt }
        try #require(scrapedAt > quietAt, "no scrape after the quiet moment")

        #expect(try await prometheus.value(series("db_client_connection_max")) == 5)
        #expect(try await prometheus.value(series("db_client_connection_idle_max")) == 3)
        #expect(try await prometheus.value(series("db_client_connection_idle_min")) == 1)
        #expect(try await prometheus.value(series("db_client_connection_pending_requests")) == 0)
        let byState = try await prometheus.query(series("db_client_connection_count"))
        #expect(Set(byState.compactMap { $0.labels[MetricName.stateLabel] }) == ["idle", "used"])
        #expect(byState.map(\.value).reduce(0, +) == Double(snapshot.open))
        #expect(byState.first { $0.labels[MetricName.stateLabel] == "idle" }?.value == Double(snapshot.idle))

        #expect(snapshot.counters.timeouts > 0)
        #expect(try await prometheus.value(series("db_client_connection_timeouts_total")) == Double(snapshot.counters.timeouts))
        #expect(try await prometheus.value(series("db_client_connection_wait_time_seconds_count")) == Double(snapshot.counters.checkouts))
        #expect(try await prometheus.value(series("db_client_connection_use_time_seconds_count")) == Double(snapshot.counters.checkins))
        #expect(try await prometheus.value(series("db_client_connection_create_time_seconds_count")) == Double(snapshot.counters.connects))
        let overflowReturned = snapshot.counters.closes(.overflowReturned)
        #expect(try await prometheus.value(
            "pooltop_connection_closes_total{\(MetricName.poolNameLabel)=\"\(Self.poolName)\",\(MetricName.reasonLabel)=\"overflow-returned\"}")
            == Double(overflowReturned))

        let server = await monitor.poll()
        #expect(try await prometheus.value(series("pooltop_server_max_connections")) == server.maxConnections.map(Double.init))
        // Every series has the pool's name: none is left without it.
        let unnamed = try await prometheus.query("{job=\"pooltop\",__name__=~\"db_client_.*|pooltop_.*\",\(MetricName.poolNameLabel)=\"\"}")
        #expect(unnamed.isEmpty, "series without a pool name: \(unnamed.map(\.labels))")
    }
}
