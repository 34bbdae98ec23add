import ConnectionPoolTestUtils
import Foundation
import Workload

/// A closed-loop load against a server of fixed capacity, measured with seeded multiplicative noise: at pool
/// size s, min(s, workers) connections are busy, throughput is min(busy / serviceTime, capacity) and the query
/// time follows by Little's law (busy / throughput), so a slow run shows both less throughput and slower queries.
struct SyntheticLoad {
    var workers: Int
    /// Uncontended query time, seconds.
    var serviceTime: Double
    /// Most queries per second the server can run (its cores); `.infinity` for a sleep.
    var capacity: Double = .infinity
    /// Past the knee throughput falls by the factor 2^-decline per doubling of the connections (contention); a
    /// negative decline is a creep up (each added backend wins CPU from other work on a shared machine).
    var declinePerDoubling: Double = 0
    /// Each run's throughput is scaled by a factor uniform in 1 ± noise.
    var noise: Double
    var rng: SeededGenerator

    /// The knee: connections needed to reach the capacity at the uncontended query time.
    var knee: Double { min(Double(workers), capacity * serviceTime) }

    mutating func run(size: Int) -> BenchReport {
        let busy = Double(min(size, workers))
        var qps = min(busy / serviceTime, capacity)
        if busy > knee, declinePerDoubling != 0 {
            qps *= exp2(-log2(busy / knee) * declinePerDoubling)
        }
        qps *= 1 + Double.random(in: -noise...noise, using: &rng)
        let queryMs = busy / qps * 1000
        let waitMs = Double(workers) / qps * 1000 - queryMs
        return BenchReport(
            workers: workers, poolSize: size, maxOverflow: 0, query: "synthetic", seconds: 4, queries: Int(qps * 4),
            waitP50Ms: max(0, waitMs), waitP99Ms: max(0, waitMs * 1.5), queryMeanMs: queryMs, peakOpen: size)
    }

    /// Every run of `sizes`, `repeats` interleaved passes.
    mutating func sweep(_ sizes: [Int], repeats: Int) -> [BenchReport] {
        (0..<repeats).flatMap { pass in pass % 2 == 0 ? sizes : sizes.reversed() }.map { run(size: $0) }
    }

    /// What `Sweep.run` does, without a server: the plan's first round, an extra pass if needed, its refinement.
    mutating func adaptiveSweep(_ plan: SweepPlan, maxP99: Duration = .milliseconds(100)) -> [BenchReport] {
        var reports = plan.firstRound.map { run(size: $0) }
        reports += plan.extraPass(after: reports, maxP99: maxP99).map { run(size: $0) }
        reports += plan.refinement(after: reports, maxP99: maxP99).map { run(size: $0) }
        return reports
    }
}
