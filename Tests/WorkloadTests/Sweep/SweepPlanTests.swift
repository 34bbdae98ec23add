import ConnectionPoolTestUtils
import Testing
import Workload

/// The adaptive plan: coarse steps first, interleaved repeats, then the sizes around the knee.
@Suite struct SweepPlanTests {
    @Test func theCoarseGridOfOneToSixtyFourIsThePowersOfTwo() {
        let plan = SweepPlan(candidates: Array(1...64))
        #expect(plan.coarse == [1, 2, 4, 8, 16, 32, 64])
        #expect(plan.firstRound == [1, 2, 4, 8, 16, 32, 64, 64, 32, 16, 8, 4, 2, 1])
        #expect(plan.maxRuns == (7 + SweepPlan.refineLimit) * 2)
    }

    @Test func aGridOffThePowersTakesTheNearestCandidates() {
        let plan = SweepPlan(candidates: Array(stride(from: 5, through: 60, by: 5)))
        #expect(plan.coarse == [5, 10, 15, 30, 60])
    }

    @Test func fewCandidatesOrEverySizeMeasureThemAll() {
        #expect(SweepPlan(candidates: [8, 2, 4, 2]).coarse == [2, 4, 8])
        let every = SweepPlan(candidates: Array(1...12), repeats: 3, adaptive: false)
        #expect(every.coarse == Array(1...12))
        #expect(every.firstRound.count == 36)
        #expect(every.refinement(after: [], maxP99: .milliseconds(100)).isEmpty)
    }

    @Test func refinementFillsInBelowTheKnee() throws {
        var load = RecommendationTests.cpuBound(noise: 0.05, seed: 2)
        let plan = SweepPlan(candidates: Array(1...64))
        let first = plan.firstRound.map { load.run(size: $0) }
        let coarse = try #require(Recommendation.recommend(first, maxP99: .milliseconds(100)))
        let sizes = plan.refinement(after: first, maxP99: .milliseconds(100))
        #expect(coarse.poolSize == 4)
        #expect(sizes == [3, 3])
    }

    @Test func aTooNoisyFirstRoundGetsOneMorePassContinuingTheInterleaving() {
        let plan = SweepPlan(candidates: Array(1...64))
        var noisy = RecommendationTests.cpuBound(noise: 0.45, seed: 1)
        #expect(plan.extraPass(after: plan.firstRound.map { noisy.run(size: $0) }, maxP99: .milliseconds(100)) == plan.coarse)
        var quiet = RecommendationTests.cpuBound(noise: 0.02, seed: 1)
        #expect(plan.extraPass(after: plan.firstRound.map { quiet.run(size: $0) }, maxP99: .milliseconds(100)).isEmpty)
    }

    @Test(arguments: 1...10 as ClosedRange<UInt64>)
    func anAdaptiveSweepFindsTheKneeInFewRuns(seed: UInt64) throws {
        var load = RecommendationTests.cpuBound(noise: 0.10, seed: seed)
        let plan = SweepPlan(candidates: Array(1...64))
        let reports = load.adaptiveSweep(plan)
        #expect(reports.count <= plan.maxRuns)
        let recommendation = try #require(Recommendation.recommend(reports, maxP99: .milliseconds(100)))
        #expect(recommendation.poolSize == 3)
    }
}
