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
            load: LoadSettings(workers: workers, mix: try QueryMix.single("SELECT pg_sleep(0.05)")),
            duration: .milliseconds(1500), warmUp: .milliseconds(300), applicationName: uniqueName("sweep"))
        let options = SweepOptions(bench: bench, poolSizes: Array(1...12), repeats: 2)
        let seen = Mutex<[SweepProgress]>([])
        let result = try await Sweep.run(options) { step in seen.withLock { $0.append(step) } }

        let plan = options.plan
        #expect(plan.coarse == [1, 2, 4, 8, 12])
        let order = result.reports.map(\.poolSize)
        #expect(Array(order.prefix(plan.firstRound.count)) == plan.firstRound)
        // Each coarse size ran twice (three times if the first round was too noisy), each refined size twice.
        let counts = Dictionary(grouping: order, by: { $0 }).mapValues(\.count)
        let coarseRuns = Set(plan.coarse.map { counts[$0] ?? 0 })
        #expect(coarseRuns == [2] || coarseRuns == [3])
        let refined = counts.filter { !plan.coarse.contains($0.key) }
        #expect(!refined.isEmpty && refined.allSatisfy { (5...7).contains($0.key) && $0.value == 2 })

        let recommendation = try #require(result.recommendations.first)
        #expect(recommendation.poolSize == workers, "\(result.table)")
        #expect(recommendation.bound == .workers)

        let steps = seen.withLock { $0 }
        #expect(steps.last?.total == result.reports.count)
        #expect(Set(steps.map(\.index)) == Set(0..<result.reports.count))
    }
}
