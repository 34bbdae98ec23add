import ConnectionPool
import MetricsEndpoint
import Testing

/// The name and label mapping, on snapshots built by hand (pure logic).
struct MetricSampleTests {
    static let poolName = "db.example:5432/shop"

    /// pool_size 5 + 10 overflow, min_idle 2: 2 idle, 3 in use and 1 being pinged, 1 connecting, 1 closing;
    /// 4 waiters; holders and statements that must never become labels.
    static var snapshot: PoolSnapshot {
        var configuration = PoolConfiguration(poolSize: 5, maxOverflow: 10)
        configuration.minimumIdle = 2
        let slots = [
            Slot(id: 1, state: .idle, kind: .core),
            Slot(id: 2, state: .idle, kind: .core),
            Slot(id: 3, state: .inUse, kind: .core, holder: "worker-3", query: "SELECT secret_column FROM orders"),
            Slot(id: 4, state: .inUse, kind: .core, holder: "worker-4"),
            Slot(id: 5, state: .inUse, kind: .overflow, holder: "console", query: "UPDATE accounts SET pw = 'x'"),
            Slot(id: 6, state: .checking, kind: .overflow, holder: "worker-6"),
            Slot(id: 7, state: .connecting, kind: .overflow),
            Slot(id: 8, state: .closing, kind: .core),
        ]
        var counters = Counters()
        counters.timeouts = 7
        counters.connectFailures = 3
        counters.closes = [.idle: 2, .broken: 1]
        return PoolSnapshot(
            configuration: configuration, slots: slots,
            waiters: Waiters(count: 4, oldestWait: .milliseconds(1500), oldest: [Waiter(holder: "worker-9", waited: .seconds(1))]),
            counters: counters)
    }

    static func samples(_ snapshot: PoolSnapshot, server: ServerReading? = nil) -> [MetricSample] {
        let reading = PoolReading(snapshot)
        return MetricSample.samples(poolName: poolName, pool: reading, totals: reading.totals, server: server)
    }

    static func value(_ samples: [MetricSample], _ name: String, _ labels: [String: String] = [:]) -> Double? {
        let found = samples.filter { sample in
            sample.name == name && labels.allSatisfy { label in sample.labels.contains { $0.name == label.key && $0.value == label.value } }
        }
        return found.count == 1 ? found[0].value : nil
    }

    @Test("counts by OpenTelemetry's states: idle, and used (held or being pinged); limits as configured")
    func countsAndLimits() {
        let samples = Self.samples(Self.snapshot)
        let state = MetricName.stateLabel
        #expect(Self.value(samples, "db_client_connection_count", [state: "idle"]) == 2)
        #expect(Self.value(samples, "db_client_connection_count", [state: "used"]) == 4)
        #expect(Self.value(samples, "db_client_connection_max") == 15)
        #expect(Self.value(samples, "db_client_connection_idle_max") == 5)
        #expect(Self.value(samples, "db_client_connection_idle_min") == 2)
        #expect(Self.value(samples, "db_client_connection_pending_requests") == 4)
        #expect(Self.value(samples, "pooltop_pending_requests_oldest_wait_seconds") == 1.5)
        #expect(Self.value(samples, "pooltop_connection_overflow_used") == 1)
        #expect(Self.value(samples, "pooltop_connection_overflow_count") == 3)
    }

    @Test("counters: timeouts, failed connects, closes by every reason (0 for those that never happened)")
    func counters() {
        let samples = Self.samples(Self.snapshot)
        #expect(Self.value(samples, "db_client_connection_timeouts_total") == 7)
        #expect(Self.value(samples, "pooltop_connection_create_failures_total") == 3)
        let reason = MetricName.reasonLabel
        #expect(Self.value(samples, "pooltop_connection_closes_total", [reason: "idle"]) == 2)
        #expect(Self.value(samples, "pooltop_connection_closes_total", [reason: "broken"]) == 1)
        #expect(Self.value(samples, "pooltop_connection_closes_total", [reason: "overflow-returned"]) == 0)
        #expect(samples.filter { $0.name == "pooltop_connection_closes_total" }.count == CloseReason.allCases.count)
        #expect(samples.filter { $0.name.hasSuffix("_total") }.allSatisfy { $0.kind == .counter })
    }

    @Test("an unlimited overflow has no db_client_connection_max; the server's gauges only when it was read")
    func optionalSeries() {
        var snapshot = Self.snapshot
        snapshot.configuration.maxOverflow = -1
        let unlimited = Self.samples(snapshot)
        #expect(!unlimited.contains { $0.name == "db_client_connection_max" })
        #expect(!unlimited.contains { $0.name.hasPrefix("pooltop_server_") })
        let withServer = Self.samples(Self.snapshot, server: ServerReading(connections: 42, maxConnections: 100))
        #expect(Self.value(withServer, "pooltop_server_connections") == 42)
        #expect(Self.value(withServer, "pooltop_server_max_connections") == 100)
    }

    @Test("every series carries the pool's name first, and no label holds a holder or a statement")
    func labels() {
        let samples = Self.samples(Self.snapshot, server: ServerReading(connections: 1, maxConnections: 2))
        #expect(!samples.isEmpty)
        for sample in samples {
            #expect(sample.labels.first == MetricSample.Label(MetricName.poolNameLabel, Self.poolName), "\(sample.name)")
            for label in sample.labels {
                #expect(!label.value.contains("worker") && !label.value.contains("console"), "\(sample.name): \(label)")
                #expect(!label.value.contains("SELECT") && !label.value.contains("UPDATE"), "\(sample.name): \(label)")
            }
        }
    }

    @Test("the names are OpenTelemetry's db.client.connection.* as Prometheus spells them, the rest pooltop_")
    func names() {
        let names = Set(Self.samples(Self.snapshot, server: ServerReading(connections: 1, maxConnections: 2)).map(\.name))
        #expect(names == [
            "db_client_connection_count", "db_client_connection_idle_max", "db_client_connection_idle_min",
            "db_client_connection_max", "db_client_connection_pending_requests", "db_client_connection_timeouts_total",
            "pooltop_connection_overflow_used", "pooltop_connection_overflow_count", "pooltop_connection_closes_total",
            "pooltop_connection_create_failures_total", "pooltop_pending_requests_oldest_wait_seconds",
            "pooltop_server_connections", "pooltop_server_max_connections",
        ])
    }

    @Test("before any pool started there are only the counters, at zero")
    func noPoolYet() {
        let samples = MetricSample.samples(poolName: Self.poolName, pool: nil, totals: PoolTotals(), server: nil)
        #expect(samples.allSatisfy { $0.kind == .counter && $0.value == 0 })
    }
}
