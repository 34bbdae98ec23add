import ConnectionPool
import ConnectionPoolTestUtils
import Testing
@testable import Workload

typealias FakeLoadGenerator = LoadGenerator<FakeConnectionFactory, ManualClock>

extension FakeConnection: WorkloadConnection {
    nonisolated(nonsending) public func execute(_ sql: String, _ parameters: [String?]) async throws(Failure) {
        try await run(sql, parameters)
    }
}

/// A load generator on fake connections and a manual clock: through a pool of fakes (whose timer runs on the
/// same clock), or in no-pool mode. Script the fakes, call `generator.start()`, and `finish()` at the end.
struct LoadFixture {
    /// A think time the tests end by advancing the clock.
    static let think = Duration.seconds(10)

    let clock = ManualClock()
    let factory = FakeConnectionFactory()
    let pool: ConnectionPool<FakeConnectionFactory>?
    let generator: FakeLoadGenerator
    private let timer: Task<Void, Never>?

    /// A load through a pool configured as `configuration`; the test starts it.
    init(pool configuration: PoolConfiguration = PoolConfiguration(), _ settings: LoadSettings, arrivalSeed: UInt64? = nil) {
        let pool = ConnectionPool(configuration: configuration, factory: factory, clock: clock)
        self.pool = pool
        timer = Task { await pool.run() }
        generator = FakeLoadGenerator(backend: .pool(pool), settings: settings, clock: clock, arrivalSeed: arrivalSeed)
    }

    /// A load that opens a connection per query; the test starts it.
    init(noPool settings: LoadSettings) {
        pool = nil
        timer = nil
        generator = FakeLoadGenerator(backend: .direct(DirectConnections(factory)), settings: settings, clock: clock)
    }

    func finish() async {
        await generator.stop()
        await pool?.shutdown()
        await timer?.value
    }

    var workers: [WorkerStats] { generator.snapshot().workers }
    var queries: [Int] { workers.map(\.queries) }
    var statements: [String] { factory.statements.log.map(\.sql) }

    /// Polls `condition` until it holds; records an issue if it never does. The bound counts polls, not time:
    /// while other tests hold every thread, neither the load nor the polls run, and none is used up.
    func eventually(_ what: String, sourceLocation: SourceLocation = #_sourceLocation, _ condition: () -> Bool) async {
        for _ in 0..<100_000 {
            if condition() { return }
            try? await Task.sleep(for: .microseconds(100))
        }
        Issue.record("never happened: \(what)", sourceLocation: sourceLocation)
    }

    /// Waits until `count` tasks sleep on the clock besides the sampler and the pool's timer: the workers
    /// that think, so that advancing the clock wakes exactly them.
    func sleeping(_ count: Int, sourceLocation: SourceLocation = #_sourceLocation) async {
        let expected = count + 1 + (pool == nil ? 0 : 1)
        await eventually("\(count) tasks asleep", sourceLocation: sourceLocation) { clock.sleeperCount == expected }
    }
}
