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

    /// The most connects a pool may try in `window` while refused as full: one attempt at a time,
    /// each after at least the back-off's first delay (without a back-off it would be thousands).
    func attemptBound(_ configuration: PoolConfiguration, window: Duration) -> Int {
        Int(window / configuration.connectRetry.initial) + 1
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
        let full = try await eventually({ load.pool.snapshot().counters.serverFull }, until: { $0 > 0 })
        #expect(full > 0)
        #expect(load.events.contains { if case .serverFull = $0 { true } else { false } })
        // Serving with what it has: the two connections it got keep the load going, and the probes
        // back off (measured once the first burst of attempts is over).
        try await Task.sleep(for: .seconds(1))
        let before = load.pool.snapshot().counters.connectFailures
        let window = Duration.seconds(3)
        try await Task.sleep(for: window)
        let hogged = load.pool.snapshot()
        try await load.carriesOn()
        // A probe may be in flight when the snapshot is taken: its slot is opening, not a connection the server gave.
        let connected = { (snapshot: PoolSnapshot) in snapshot.slots.filter { $0.state != .connecting }.count }
        #expect(connected(hogged) <= 2, "\(hogged.slots.map(\.state))")
        let attempts = hogged.counters.connectFailures - before
        #expect(attempts <= attemptBound(configuration, window: window), "\(attempts) connects in \(window): hammering")
        // Room frees: the pool grows again within the back-off's longest delay (and slack).
        for hog in hogs { hog.close() }
        let grown = try await eventually(within: configuration.connectRetry.maximum + .seconds(10), {
            connected(load.pool.snapshot())
        }, until: { $0 > connected(hogged) })
        #expect(grown > connected(hogged))
        let restored = try await eventually({
            load.events.contains { if case .connectsRestored = $0 { true } else { false } }
        }, until: { $0 })
        #expect(restored)
        try await load.finish()
        let measurement = load.generator.measure()
        #expect(measurement.totals.errors == 0, "a full server fails connects, not statements")
    }
}
