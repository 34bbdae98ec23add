import ConnectionPool
import Testing

@Suite("OpenTelemetry db.client.connection.* metrics")
struct MetricsTests {
    var snapshot: PoolSnapshot {
        var s = PoolSnapshot(configuration: .sqlalchemy)
        s.slots = [
            Slot(id: 1, state: .idle, kind: .core),
            Slot(id: 2, state: .inUse, kind: .core, holder: "a"),
            Slot(id: 3, state: .inUse, kind: .overflow, holder: "b"),
        ]
        s.waiters = Waiters(count: 4)
        s.counters.timeouts = 7
        s.waitTime = LatencySummary(count: 2, mean: .milliseconds(5), p50: .milliseconds(4), p90: .milliseconds(6), p99: .milliseconds(6), max: .milliseconds(6))
        return s
    }

    func value(_ metrics: [Metric], _ name: String, state: String? = nil) -> Metric.Value? {
        metrics.first { metric in
            metric.name == name && (state == nil || metric.attributes.contains { $0.value == state })
        }?.value
    }

    @Test func semanticConventionNamesAndValues() {
        let metrics = PoolMetrics.metrics(from: snapshot, poolName: "demo")
        #expect(value(metrics, "db.client.connection.count", state: "idle") == .gauge(1))
        #expect(value(metrics, "db.client.connection.count", state: "used") == .gauge(2))
        #expect(value(metrics, "db.client.connection.idle.max") == .gauge(5))
        #expect(value(metrics, "db.client.connection.idle.min") == .gauge(0))
        #expect(value(metrics, "db.client.connection.max") == .gauge(15))
        #expect(value(metrics, "db.client.connection.pending_requests") == .gauge(4))
        #expect(value(metrics, "db.client.connection.timeouts") == .counter(7))
        #expect(Set(metrics.map(\.name)).isSuperset(of: [
            "db.client.connection.create_time", "db.client.connection.wait_time", "db.client.connection.use_time",
        ]))
        #expect(metrics.allSatisfy { $0.attributes.first == .init(name: "db.client.connection.pool.name", value: "demo") })
    }

    @Test func unlimitedPoolHasNoMaxMetric() {
        var s = snapshot
        s.configuration = .databaseSQL
        #expect(value(PoolMetrics.metrics(from: s), "db.client.connection.max") == nil)
    }

    @Test func prometheusExposition() {
        let text = PoolMetrics.prometheusText(PoolMetrics.metrics(from: snapshot, poolName: "demo"))
        #expect(text.contains("# TYPE db_client_connection_count gauge\n"))
        #expect(text.contains("db_client_connection_count{db_client_connection_pool_name=\"demo\",db_client_connection_state=\"used\"} 2\n"))
        #expect(text.contains("db_client_connection_timeouts_total{db_client_connection_pool_name=\"demo\"} 7\n"))
        #expect(text.contains("# TYPE db_client_connection_wait_time_seconds summary\n"))
        #expect(text.contains("db_client_connection_wait_time_seconds{db_client_connection_pool_name=\"demo\",quantile=\"0.5\"} 0.004\n"))
        #expect(text.contains("db_client_connection_wait_time_seconds_count{db_client_connection_pool_name=\"demo\"} 2\n"))
        #expect(text.split(separator: "\n").filter { $0 == "# TYPE db_client_connection_count gauge" }.count == 1)
    }
}
