import ConnectionPool
import Synchronization
import Testing
import Workload

/// `Sweep.run` against the embedded server: the adaptive plan, interleaved repeats, and the pool-bound answer.
@Suite struct SweepIntegrationTests {
    @Test func aPoolBoundSleepSweepNamesTheWorkerCountAfterRefiningAroundIt() async throws {
        let workers = 6
        var pool = PoolConfiguration()
        pool.maxOverflow = 0
        let bench = BenchOptions(
            target: try await serverTarget(), pool: pool,
            load: LoadSettings(workers: workers, mix: try QueryMix.single("SELECT pg_sleep(0.02)")),
            duration: .milliseconds(800), warmUp: .milliseconds(200), applicationName: uniqueName("sweep"))
        let options = SweepOptions(bench: bench, poolSizes: Array(1...12), repeats: 2)
        let seen = Mutex<[SweepProgress]>([])
        let result = try await Sweep.run(options) { step in seen.withLock { $0.append(step) } }

        let plan = options.plan
        #expect(plan.coarse == [1, 2, 4, 8, 12])
        let order = result.reports.map(\.poolSize)
        #expect(Array(order.prefix(plan.firstRound.count)) == plan.firstRound)
        let refined = Array(order.dropFirst(plan.firstRound.count))
        #expect(!refined.isEmpty && refined.allSatisfy { $0 > 4 && $0 < 8 })
        #expect(Dictionary(grouping: order, by: { $0 }).values.allSatisfy { $0.count == 2 })

        let recommendation = try #require(result.recommendations.first)
        #expect(recommendation.poolSize == workers, "\(result.table)")
        #expect(recommendation.bound == .workers)

        let steps = seen.withLock { $0 }
        #expect(steps.last?.total == result.reports.count)
        #expect(Set(steps.map(\.index)) == Set(0..<result.reports.count))
    }
}
