import Foundation

/// The pool size a sweep recommends for one load, the plateau around it, and why, in plain words.
///
/// A pure function of the measurements (`recommend`):
/// 1. Noise: the typical run-to-run spread of throughput over the sizes measured more than once (`SweepCurve.noise`).
/// 2. Plateau: the sizes whose median throughput cannot be told from the plateau's level given that spread
///    (within `2 × noise`, at least 3 %); the level is the median over the sizes near the best.
/// 3. Knee, by Little's law. When the server queues (the largest size's query time is 1.5× the smallest's or
///    more), the connections the plateau's throughput needs at the uncontended query time (the smallest size's):
///    `plateau q/s × query time at the smallest size`; past it the added connections only make each query slower.
///    When it does not, the demand: the median over the plateau's sizes of the connections busy (q/s × query time).
///    With queueing, the plateau's level is then the median of the sizes past the knee (throughput that creeps up
///    with size on a shared machine is not a reason to add connections).
/// 4. The answer, with queueing, is the smallest size at or above the knee (rounded) from which on the query time
///    grew at least 70 % in proportion to the busy connections (`queueShare`); otherwise, or when none did, the
///    smallest plateau size at or above the knee; without timeouts. Too much noise (a spread
///    over `maxNoise`) names no size.
public struct Recommendation: Sendable, Equatable, Codable {
    /// What limits throughput at the recommended size.
    public enum Bound: String, Sendable, Codable {
        /// More connections only queue inside the server (query time grows with the pool).
        case server
        /// Throughput still grew at the largest size tried: the pool is the limit.
        case pool
        /// Every worker has a connection: a larger pool has nobody to serve.
        case workers
        /// Connections sit idle: the workers (their think time, their number) set the pace.
        case client
        /// The runs disagreed too much to name a size.
        case undecided
    }

    /// Nil when the measurement was too noisy to decide.
    public var poolSize: Int?
    public var maxOverflow: Int
    public var workers: Int
    /// Median throughput at the recommended size (at the plateau's level when undecided).
    public var qps: Double
    public var waitP99Ms: Double
    public var bestQPS: Double
    public var bestPoolSize: Int
    public var plateauLow: Int
    public var plateauHigh: Int
    /// The median throughput over the plateau's sizes.
    public var plateauQPS: Double
    /// Pooled relative run-to-run spread of throughput; nil when no size was measured twice.
    public var noise: Double?
    /// Throughput this fraction under the plateau's level still counts as on it.
    public var tolerance: Double
    /// Little's law: the connections busy to deliver the plateau's throughput at the uncontended query time.
    public var kneeConnections: Double
    /// Whether the query time grew with the pool (the server queues), which picks how the knee was estimated.
    public var serverQueues: Bool
    public var bound: Bound
    /// False when the recommended size's p99 check-out wait is over the limit or it timed out.
    public var acceptable: Bool
    /// Little's law at the recommended size: throughput × mean query time.
    public var busyConnections: Double
    public var explanation: String

    enum CodingKeys: String, CodingKey {
        case workers, qps, acceptable, explanation, noise, tolerance, bound
        case poolSize = "pool_size", maxOverflow = "max_overflow", waitP99Ms = "wait_p99_ms", bestQPS = "best_qps"
        case bestPoolSize = "best_pool_size", busyConnections = "busy_connections", plateauLow = "plateau_low"
        case plateauHigh = "plateau_high", plateauQPS = "plateau_qps", kneeConnections = "knee_connections"
        case serverQueues = "server_queues"
    }

    /// The spread assumed when no size was measured twice.
    public static let assumedNoise = 0.05
    /// The narrowest plateau band, so a quiet machine does not split hairs.
    public static let minimumTolerance = 0.03
    /// Over this run-to-run spread no size is named.
    public static let maxNoise = 0.15
    /// The pool is the limit when the knee is at least this share of the largest size tried.
    static let kneeSlack = 0.9
    /// The server queues when the largest size's query time is at least this many times the smallest size's.
    public static let queueingRatio = 1.5
    /// A size is past the knee when at least this share of what larger sizes added only queued.
    public static let queueingShare = 0.7

    /// The recommendation for one load's runs (nil if there are none).
    public static func recommend(_ reports: [BenchReport], maxP99: Duration) -> Recommendation? {
        let curve = SweepCurve(reports.filter { $0.poolSize > 0 })
        guard let first = reports.first, let smallest = curve.sizes.first,
              let best = curve.sizes.max(by: { ($0.qps, -$0.poolSize) < ($1.qps, -$1.poolSize) })
        else { return nil }
        let spread = curve.noise ?? assumedNoise
        let tolerance = max(minimumTolerance, 2 * spread)
        let nearBest = curve.sizes.filter { $0.qps >= best.qps * (1 - tolerance) }
        var level = SweepCurve.median(nearBest.map(\.qps))
        var plateau = curve.sizes.filter { $0.qps >= level * (1 - tolerance) }
        let largest = curve.sizes.last!
        let queues = smallest.queryMeanMs > 0 && largest.queryMeanMs >= queueingRatio * smallest.queryMeanMs
        // Queueing in the server: the plateau's throughput at the uncontended query time. Otherwise the demand:
        // the connections the plateau's sizes kept busy.
        let knee = queues
            ? level * smallest.queryMeanMs / 1000 : SweepCurve.median(plateau.map(\.busyConnections))
        if queues {
            // Past the knee the sizes only queue; on a machine shared with other work each one still wins a little
            // CPU from it, so throughput creeps up with size. Up to the best size, the plateau is what cannot be
            // told from the sizes past the knee (their median), not from the creep's top; past the best (a peak
            // falling off) it stays what cannot be told from the best.
            let past = curve.sizes.filter { Double($0.poolSize) >= max(1, knee.rounded()) }
            let top = level
            if !past.isEmpty { level = min(level, SweepCurve.median(past.map(\.qps))) }
            plateau = curve.sizes.filter {
                $0.qps >= ($0.poolSize <= best.poolSize ? level : top) * (1 - tolerance)
            }
        }
        let limitMs = maxP99.milliseconds

        var pastKnee = plateau.filter { Double($0.poolSize) >= max(1, knee.rounded()) }
        if queues {
            // Little's law's own test: from here on, the added connections mostly made each query slower.
            let queueing = curve.sizes.filter {
                Double($0.poolSize) >= max(1, knee.rounded()) && (queueShare(from: $0, to: largest) ?? 0) >= queueingShare
            }
            if let first = queueing.first {
                pastKnee = [first] + pastKnee.filter { $0.poolSize > first.poolSize }
                plateau = pastKnee + plateau.filter { $0.poolSize < first.poolSize }
                plateau.sort { $0.poolSize < $1.poolSize }
            }
        }
        var chosen = pastKnee.first { $0.timeouts == 0 } ?? pastKnee.first ?? plateau.last ?? best
        let bound = classify(chosen: chosen, knee: knee, largest: largest, queues: queues, workers: first.workers, spread: spread)
        // Where the pool, not the server, is the limit, a size with an acceptable wait is worth its connections.
        if bound != .server, chosen.waitP99Ms > limitMs,
           let better = pastKnee.first(where: { $0.poolSize > chosen.poolSize && $0.waitP99Ms <= limitMs && $0.timeouts == 0 }) {
            chosen = better
        }
        let decided = bound != .undecided
        var recommendation = Recommendation(
            poolSize: decided ? chosen.poolSize : nil, maxOverflow: first.maxOverflow, workers: first.workers,
            qps: decided ? chosen.qps : level, waitP99Ms: chosen.waitP99Ms, bestQPS: best.qps, bestPoolSize: best.poolSize,
            plateauLow: plateau.first?.poolSize ?? chosen.poolSize, plateauHigh: plateau.last?.poolSize ?? chosen.poolSize,
            plateauQPS: BenchReport.round(level, 1), noise: curve.noise.map { BenchReport.round($0, 4) },
            tolerance: BenchReport.round(tolerance, 4), kneeConnections: BenchReport.round(knee, 2), serverQueues: queues, bound: bound,
            acceptable: chosen.waitP99Ms <= limitMs && chosen.timeouts == 0,
            busyConnections: BenchReport.round(chosen.busyConnections, 2), explanation: "")
        recommendation.explanation = RecommendationWording.explain(
            recommendation, chosen: chosen, smallest: smallest, largest: largest, plateau: plateau, limitMs: limitMs)
        return recommendation
    }

    /// The share of the growth in busy connections from `size` to `larger` that became query time, on a log
    /// scale: 1 when the query time grew in proportion (every added connection only queued), 0 when it stayed put.
    static func queueShare(from size: SizeSummary, to larger: SizeSummary) -> Double? {
        guard size.queryMeanMs > 0, larger.queryMeanMs > 0, size.busyConnections > 0,
              larger.busyConnections > size.busyConnections * 1.2 else { return nil }
        return log(larger.queryMeanMs / size.queryMeanMs) / log(larger.busyConnections / size.busyConnections)
    }

    /// What limits the load at `chosen`, from the shape of the curve around it.
    static func classify(
        chosen: SizeSummary, knee: Double, largest: SizeSummary, queues: Bool, workers: Int, spread: Double
    ) -> Bound {
        if spread > maxNoise { return .undecided }
        if Double(chosen.poolSize) >= 0.8 * Double(workers) { return .workers }
        if chosen.poolSize == largest.poolSize, knee >= kneeSlack * Double(largest.poolSize) { return .pool }
        return queues ? .server : .client
    }
}
