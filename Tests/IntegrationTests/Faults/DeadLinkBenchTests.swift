import ConnectionPool
import EmbeddedPostgres
import FaultProxy
import LibPQ
import Synchronization
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
        // Frozen a quarter into the measurement (not during the start, which a loaded machine may slow).
        let frozenAt = Mutex<ContinuousClock.Instant?>(nil)
        let report = try await Bench.run(options) { step in
            guard step.phase == .measuring, step.fraction >= 0.25 else { return }
            frozenAt.withLock { instant in
                guard instant == nil else { return }
                try? proxy.set(.freeze)
                instant = clock.now
            }
        }
        let frozen = try #require(frozenAt.withLock { $0 }, "the link was never frozen")
        let elapsed = clock.now - frozen
        // The rest of the duration, the stop's grace (1 s) and slack for a loaded machine; far below
        // the dead-link bound the hung statements would otherwise wait out.
        #expect(elapsed < options.duration + .seconds(2), "bench ended \(elapsed) after the freeze")
        #expect(elapsed < deadLink)
        #expect(report.seconds >= options.duration.seconds)
        #expect(report.queries > 0)
    }
}
