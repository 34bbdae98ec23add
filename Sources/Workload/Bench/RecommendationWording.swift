import ConnectionPool

/// The reasoning of a `Recommendation` in words, with the numbers it rests on.
enum RecommendationWording {
    static func explain(
        _ recommendation: Recommendation, chosen: SizeSummary, smallest: SizeSummary, largest: SizeSummary,
        plateau: [SizeSummary], limitMs: Double
    ) -> String {
        let f = BenchReport.format
        let single = recommendation.plateauLow == recommendation.plateauHigh
        let range = single ? "\(recommendation.plateauLow) alone" : "\(recommendation.plateauLow) to \(recommendation.plateauHigh)"
        let lows = plateau.map(\.qps).min() ?? recommendation.plateauQPS
        let highs = plateau.map(\.qps).max() ?? recommendation.plateauQPS
        var sentences: [String] = []
        if let size = recommendation.poolSize {
            sentences.append("Recommended pool_size \(size) (plateau \(range)).")
        } else {
            sentences.append("Too noisy to decide (plateau \(range)).")
        }
        let spread = spreadText(recommendation.noise, runs: plateau.map(\.runs).max() ?? 1)
        let inBand = plateau.allSatisfy { $0.qps >= recommendation.plateauQPS * (1 - recommendation.tolerance) }
        if !inBand, let low = plateau.first, let high = plateau.last {
            let growth = DecimalNotation.fixed(Double(high.poolSize) / Double(low.poolSize), digits: 1)
            sentences.append("From \(range) throughput crept only from \(f(low.qps)) to \(f(high.qps)) q/s for ×\(growth) the connections (level \(f(recommendation.plateauQPS)) q/s), against \(spread) from run to run: on a machine shared with other work each added backend wins a little CPU from it.")
        } else if single {
            sentences.append("Only \(recommendation.plateauLow) reached the top throughput, \(f(recommendation.plateauQPS)) q/s, against \(spread) from run to run.")
        } else {
            sentences.append("Throughput from \(range) cannot be told apart: \(f(lows)) to \(f(highs)) q/s, level \(f(recommendation.plateauQPS)) q/s, against \(spread) from run to run.")
        }
        let knee = recommendation.kneeConnections
        if recommendation.serverQueues || largest.queryMeanMs <= 0 {
            sentences.append("Little's law: at pool_size \(smallest.poolSize) a query takes \(f(smallest.queryMeanMs)) ms, so \(f(recommendation.plateauQPS)) q/s needs \(f(recommendation.plateauQPS)) × \(f(smallest.queryMeanMs)) ms ≈ \(f(knee)) connections busy.")
        } else {
            sentences.append("The query time stayed near \(f(smallest.queryMeanMs)) ms (\(f(largest.queryMeanMs)) ms at pool_size \(largest.poolSize)), so the server does not queue; by Little's law (q/s × query time) the plateau's sizes kept \(f(knee)) connections busy: that is the demand.")
        }
        switch recommendation.bound {
        case .undecided:
            sentences.append("The runs of one size differed by \(percent(recommendation.noise ?? 0)) (a decision needs under \(percent(Recommendation.maxNoise))), so no size is named; measure longer (--duration) or more often (--repeats), or when the machine is quieter. The knee estimate, \(f(knee)) connections, is a hint only.")
        case .server:
            sentences.append("\(chosen.poolSize) is the smallest plateau size that covers it.")
            sentences.append(serverSentence(chosen: chosen, larger: largest))
        case .workers:
            let who = chosen.poolSize >= recommendation.workers ? "each of the" : "nearly every one of the"
            sentences.append("At \(chosen.poolSize) \(who) \(recommendation.workers) workers has a connection of its own, so a larger pool has nobody to serve (query time \(f(chosen.queryMeanMs)) ms; below it the pool is the limit).")
        case .pool:
            sentences.append("Throughput still grew at the largest size tried, \(chosen.poolSize), and the query time did not (\(f(chosen.queryMeanMs)) ms): the pool is the limit; try larger sizes (at most \(recommendation.workers), one per worker).")
        case .client:
            sentences.append("\(chosen.poolSize) is the smallest plateau size that covers it. The query time stayed near \(f(chosen.queryMeanMs)) ms, so neither the pool nor the server limits: the workers set the pace (their number, their think time).")
        }
        if recommendation.poolSize != nil {
            sentences.append("At pool_size \(chosen.poolSize): \(f(chosen.qps)) q/s, query time \(f(chosen.queryMeanMs)) ms, \(f(recommendation.busyConnections)) connections busy, p99 check-out wait \(f(chosen.waitP99Ms)) ms.")
            if chosen.timeouts > 0 {
                sentences.append("It had \(chosen.timeouts) check-out timeouts: the load asks more than these connections can give.")
            } else if chosen.waitP99Ms > limitMs {
                let lever = recommendation.bound == .server
                    ? "more connections would not shorten it, as they only queue in the server: fewer workers or cheaper queries would"
                    : "no size on the plateau kept it under"
                sentences.append("That wait is over --max-p99 (\(f(limitMs)) ms); \(lever).")
            }
        }
        return sentences.joined(separator: " ")
    }

    private static func serverSentence(chosen: SizeSummary, larger: SizeSummary) -> String {
        let f = BenchReport.format
        guard larger.poolSize > chosen.poolSize, chosen.queryMeanMs > 0 else {
            return "Past it the added connections only queue inside the server."
        }
        let timeRatio = DecimalNotation.fixed(larger.queryMeanMs / chosen.queryMeanMs, digits: 1)
        let sizeRatio = DecimalNotation.fixed(Double(larger.poolSize) / Double(chosen.poolSize), digits: 1)
        return "Past it the added connections only queue inside the server: query time rose from \(f(chosen.queryMeanMs)) ms at \(chosen.poolSize) to \(f(larger.queryMeanMs)) ms at \(larger.poolSize) (×\(timeRatio) for ×\(sizeRatio) the connections) while throughput went from \(f(chosen.qps)) to \(f(larger.qps)) q/s."
    }

    static func spreadText(_ noise: Double?, runs: Int) -> String {
        guard let noise else { return "a spread of \(percent(Recommendation.assumedNoise)) assumed (each size measured once)" }
        return "a spread of \(percent(noise)) (\(runs) runs a size)"
    }

    static func percent(_ fraction: Double) -> String { "±" + DecimalNotation.fixed(fraction * 100, digits: 1) + " %" }
}
