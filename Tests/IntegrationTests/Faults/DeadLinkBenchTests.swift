import ConnectionPool
import EmbeddedPostgres
import FaultProxy
import LibPQ
import Testing
@testable import Workload

/// Issue 17: through a link that freezes mid-run, `bench` still ends on time at its duration: the
/// stop does not wait for the dead-link bound of the statements hung on it.
@Suite("Faults: bench over a frozen link")
struct DeadLinkBenchTests {
    @Test func benchEndsOnTimeWhenTheLinkFreezes() async throws {
        let cluster = try await EmbeddedPostgres.shared()
        let proxy = try FaultProxy(targetPort: cluster.port)
        defer { proxy.stop() }
        let target = try ConnectionTarget("host=127.0.0.1 port=\(proxy.port) dbname=postgres user=postgres")
        let deadLink = PostgresConnection.defaultDeadLinkTimeout
        let options = BenchOptions(
            target: target, pool: PoolConfiguration(poolSize: 4, maxOverflow: 0), load: LoadSettings(workers: 8, mix: QueryMix([.init(.sleep(.milliseconds(5)))])),
            duration: .seconds(2), warmUp: .milliseconds(200), applicationName: uniqueName("frozen"), deadLinkTimeout: deadLink)
        let clock = ContinuousClock()
        let started = clock.now
        let freezer = Task {
            try await Task.sleep(for: .seconds(1))
            try proxy.set(.freeze)
        }
        let report = try await Bench.run(options)
        let elapsed = clock.now - started
        try await freezer.value
        // Duration, warm-up, the stop's grace (1 s) and slack for the start and a loaded machine; far
        // below the dead-link bound the hung statements would otherwise wait out.
        #expect(elapsed < options.duration + options.warmUp + .seconds(3), "bench took \(elapsed)")
        #expect(elapsed < options.duration + deadLink)
        #expect(report.seconds >= options.duration.seconds)
        #expect(report.queries > 0)
    }
}
