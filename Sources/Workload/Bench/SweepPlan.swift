/// Which pool sizes a sweep measures, and in which order, so a user need not wait for every size.
///
/// Adaptive: a coarse grid first (1, 2, 4, 8, … over the candidates, plus the largest), every size `repeats`
/// times with the passes interleaved (ascending, then descending, …) so a drift of the machine hits every size
/// alike; one more pass when that was too noisy to decide; then the candidates between the knee the coarse curve
/// shows and the coarse size below it, the same way.
/// Not adaptive: every candidate, `repeats` interleaved passes.
public struct SweepPlan: Sendable, Equatable {
    /// The sizes the user allows, ascending, without repeats.
    public var candidates: [Int]
    public var repeats: Int
    public var adaptive: Bool

    /// At most this many sizes are added around the knee.
    public static let refineLimit = 4
    /// With this few candidates the coarse grid is all of them.
    static let smallGrid = 7

    public init(candidates: [Int], repeats: Int = 2, adaptive: Bool = true) {
        self.candidates = Array(Set(candidates)).sorted()
        self.repeats = max(1, repeats)
        self.adaptive = adaptive
    }

    /// The sizes of the first round: every candidate when not adaptive or few, else those nearest the powers of two.
    public var coarse: [Int] {
        guard adaptive, candidates.count > Self.smallGrid, let low = candidates.first, let high = candidates.last else {
            return candidates
        }
        var grid: Set<Int> = [low, high]
        var power = 1
        while power < high {
            if power > low, let nearest = candidates.min(by: { abs($0 - power) < abs($1 - power) }) { grid.insert(nearest) }
            power *= 2
        }
        return grid.sorted()
    }

    /// The first round in run order.
    public var firstRound: [Int] { Self.interleaved(coarse, repeats: repeats) }

    /// The second round in run order, given the first round's runs of one load: the unmeasured candidates between
    /// the coarse size below the knee and the knee's size, the ones nearest the knee first (at most `refineLimit`).
    public func refinement(after reports: [BenchReport], maxP99: Duration) -> [Int] {
        guard adaptive, let recommendation = Recommendation.recommend(reports, maxP99: maxP99) else { return [] }
        let measured = Set(reports.map(\.poolSize))
        let target = recommendation.poolSize ?? recommendation.plateauLow
        let below = measured.filter { $0 < target }.max() ?? 0
        let knee = recommendation.kneeConnections
        let window = candidates.filter { $0 > below && $0 < target && !measured.contains($0) }
        let picked = window.sorted { abs(Double($0) - knee) < abs(Double($1) - knee) }.prefix(Self.refineLimit)
        return Self.interleaved(picked.sorted(), repeats: repeats)
    }

    /// One more pass over the coarse sizes, continuing the interleaving, when the first round was too noisy to
    /// decide (a third run a size steadies the spread); empty when it decided or the plan is not adaptive.
    public func extraPass(after reports: [BenchReport], maxP99: Duration) -> [Int] {
        guard adaptive, let recommendation = Recommendation.recommend(reports, maxP99: maxP99),
              recommendation.bound == .undecided else { return [] }
        return repeats % 2 == 0 ? coarse : coarse.reversed()
    }

    /// The most runs the plan can take (for a progress bar), not counting an extra pass.
    public var maxRuns: Int {
        let refined = adaptive ? min(Self.refineLimit, candidates.count - coarse.count) : 0
        return (coarse.count + refined) * repeats
    }

    /// `repeats` passes over `sizes`, alternately ascending and descending.
    static func interleaved(_ sizes: [Int], repeats: Int) -> [Int] {
        (0..<repeats).flatMap { pass in pass % 2 == 0 ? sizes : sizes.reversed() }
    }
}
