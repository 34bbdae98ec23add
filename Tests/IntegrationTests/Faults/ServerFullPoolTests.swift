import ConnectionPool
import EmbeddedPostgres
import LibPQ
import Testing
@testable import Workload

/// Issue 17: max_connections reached (SQLSTATE 53300) because another client hogs the server: an
/// event and a counter say so, the pool serves with what it has without hammering the server, and
/// grows again once room frees.
@Suite("Faults: the server is full")
struct ServerFullPoolTests {
    static let maxConnections = 8

    /// The most connects a pool may try in `window` while refused as full: its first burst (one per
    /// slot it may open), then one probe per back-off delay.
    func attemptBound(_ configuration: PoolConfiguration, window: Duration) -> Int {
        var attempts = configuration.maxConnections ?? 0
        var elapsed = Duration.zero
        var failures = 1
        while elapsed < window {
            elapsed += configuration.connectRetry.delay(afterFailures: failures)
            failures += 1
            attempts += 1
        }
        return attempts
    }

    @Test func anotherClientHoggingConnections() async throws {
        let cluster = try await EmbeddedPostgres.start(settings: ["max_connections=\(Self.maxConnections)"])
        defer { cluster.stop() }
        let target = try ConnectionTarget(cluster.url)
        // The hog takes all but 2 of the slots.
        var hogs: [PostgresConnection] = []
        for _ in 0..<(Self.maxConnections - 2) { hogs.append(try await PostgresConnection.connect(to: target)) }
        let configuration = PoolConfiguration(
            poolSize: 5, maxOverflow: 5, connectRetry: Backoff(initial: .milliseconds(100), maximum: .seconds(1)))
        let load = FaultLoad(target: target, configuration: configuration, workers: 16)
        try await load.carriesOn()
        let clock = ContinuousClock()
        let watched = clock.now
        let full = try await eventually({ load.pool.snapshot().counters.serverFull }, until: { $0 > 0 })
        #expect(full > 0)
        #expect(load.events.contains { if case .serverFull = $0 { true } else { false } })
        // Serving with what it has: the two connections it got keep the load going.
        try await Task.sleep(for: .seconds(3))
        try await load.carriesOn()
        let hogged = load.pool.snapshot()
        #expect(hogged.open <= 2)
        let window = clock.now - watched + .seconds(1)
        #expect(hogged.counters.connectFailures <= attemptBound(configuration, window: window),
                "\(hogged.counters.connectFailures) connects in \(window): hammering")
        // Room frees: the pool grows again within the back-off's longest delay (and slack).
        for hog in hogs { hog.close() }
        let grown = try await eventually(within: configuration.connectRetry.maximum + .seconds(10), {
            load.pool.snapshot().open
        }, until: { $0 > hogged.open })
        #expect(grown > hogged.open)
        #expect(load.events.contains { if case .connectsRestored = $0 { true } else { false } })
        try await load.finish()
        let measurement = load.generator.measure()
        #expect(measurement.totals.errors == 0, "a full server fails connects, not statements")
    }
}
