/// The pool size a sweep recommends, and why, in plain words.
///
/// Rule: among the runs of one load (same workers and overflow), take the best throughput; the candidates are the
/// sizes within 5% of it whose p99 check-out wait is acceptable (≤ `maxP99`, default 100 ms) with no timeouts;
/// the smallest candidate wins (fewer server connections for the same work). If no size has an acceptable wait,
/// the smallest size within 5% of the best is named, marked not acceptable.
public struct Recommendation: Sendable, Equatable, Codable {
    public var poolSize: Int
    public var maxOverflow: Int
    public var workers: Int
    public var qps: Double
    public var waitP99Ms: Double
    public var bestQPS: Double
    public var bestPoolSize: Int
    /// False when no size kept the p99 wait acceptable.
    public var acceptable: Bool
    /// Little's law at the recommended size: throughput × mean query time.
    public var busyConnections: Double
    public var explanation: String

    enum CodingKeys: String, CodingKey {
        case workers, qps, acceptable, explanation
        case poolSize = "pool_size", maxOverflow = "max_overflow", waitP99Ms = "wait_p99_ms", bestQPS = "best_qps"
        case bestPoolSize = "best_pool_size", busyConnections = "busy_connections"
    }

    /// Throughput within this fraction of the best counts as "as good".
    public static let throughputTolerance = 0.05

    /// The recommendation for one load's runs (nil if there are none).
    public static func recommend(_ reports: [BenchReport], maxP99: Duration) -> Recommendation? {
        guard let best = reports.max(by: { ($0.qps, -$0.poolSize) < ($1.qps, -$1.poolSize) }) else { return nil }
        let limitMs = maxP99.milliseconds
        let asGood = reports.filter { $0.qps >= best.qps * (1 - throughputTolerance) }.sorted { $0.poolSize < $1.poolSize }
        let acceptable = asGood.filter { $0.waitP99Ms <= limitMs && $0.timeouts == 0 }
        let chosen = acceptable.first ?? asGood.first ?? best
        let busy = chosen.qps * chosen.queryMeanMs / 1000
        return Recommendation(
            poolSize: chosen.poolSize, maxOverflow: chosen.maxOverflow, workers: chosen.workers, qps: chosen.qps,
            waitP99Ms: chosen.waitP99Ms, bestQPS: best.qps, bestPoolSize: best.poolSize, acceptable: !acceptable.isEmpty,
            busyConnections: BenchReport.round(busy, 2),
            explanation: explain(
                chosen: chosen, best: best, largestSize: reports.map(\.poolSize).max() ?? chosen.poolSize, busy: busy,
                limitMs: limitMs, acceptable: !acceptable.isEmpty))
    }

    private static func explain(
        chosen: BenchReport, best: BenchReport, largestSize: Int, busy: Double, limitMs: Double, acceptable: Bool
    ) -> String {
        let f = BenchReport.format
        var sentences: [String] = []
        if acceptable {
            sentences.append("Recommended pool_size \(chosen.poolSize): the smallest size within 5% of the best throughput (\(f(best.qps)) q/s at pool_size \(best.poolSize)) whose p99 check-out wait stayed at or under \(f(limitMs)) ms.")
        } else {
            sentences.append("No size kept the p99 check-out wait at or under \(f(limitMs)) ms without timeouts; pool_size \(chosen.poolSize) is the smallest within 5% of the best throughput (\(f(best.qps)) q/s at pool_size \(best.poolSize)). The load asks more than these connections can give: fewer workers, shorter queries or a larger server are the levers.")
        }
        sentences.append("At pool_size \(chosen.poolSize) it ran \(f(chosen.qps)) q/s with a p99 wait of \(f(chosen.waitP99Ms)) ms.")
        if chosen.queryMeanMs > 0 {
            sentences.append("Little's law: connections busy = throughput × query time = \(f(chosen.qps)) q/s × \(f(chosen.queryMeanMs)) ms ≈ \(f(BenchReport.round(busy, 2))) connections on average.")
            if busy < Double(chosen.poolSize) * 0.8 {
                sentences.append("That is fewer than the \(chosen.poolSize) in the pool: the server, not the pool, limits throughput, and more connections would only queue inside PostgreSQL.")
            } else if chosen.workers <= chosen.poolSize + max(0, chosen.maxOverflow) {
                sentences.append("Every worker already has a connection of its own, so a larger pool cannot go faster.")
            } else if chosen.poolSize == largestSize {
                sentences.append("The pool is busy all the time and throughput still grew at the largest size tried: the pool is the limit here, so try larger sizes (at most \(chosen.workers), one per worker).")
            } else {
                sentences.append("The pool is nearly always busy, so throughput is bounded by pool_size ÷ query time; larger sizes bought less than 5% more.")
            }
        }
        return sentences.joined(separator: " ")
    }
}
