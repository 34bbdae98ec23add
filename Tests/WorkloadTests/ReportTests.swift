import ConnectionPool
import Foundation
import Testing
@testable import Workload

@Suite struct BenchReportTests {
    static let contractKeys = [
        "workers", "pool_size", "max_overflow", "query", "seconds", "queries", "qps", "errors", "timeouts",
        "wait_p50_ms", "wait_p99_ms", "wait_max_ms", "wait_mean_ms", "fairness", "connections_opened",
        "peak_in_use", "peak_overflow", "timeline",
    ]

    static func sample() -> BenchReport {
        BenchReport(
            workers: 32, poolSize: 5, maxOverflow: 10, query: "SELECT 1", seconds: 10.003, queries: 412_345, errors: 2,
            timeouts: 1, waitP50Ms: 0.512, waitP99Ms: 2.1, waitMaxMs: 12, waitMeanMs: 0.6, fairness: 0.9991,
            connectionsOpened: 15, peakInUse: 15, peakOverflow: 10,
            timeline: [.init(second: 1, qps: 41_000, waitP99Ms: 2, inUse: 15, overflow: 10, waiters: 17)],
            preset: "sqlalchemy", queryMeanMs: 0.3, peakOpen: 15, rssMib: 40.5)
    }

    static func decode(_ json: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test func jsonHasEveryContractKeyWithItsType() throws {
        let object = try Self.decode(Self.sample().json())
        for key in Self.contractKeys { #expect(object[key] != nil, "missing \(key)") }
        for key in ["workers", "pool_size", "max_overflow", "queries", "errors", "timeouts", "connections_opened", "peak_in_use", "peak_overflow"] {
            let number = try #require(object[key] as? NSNumber, "\(key) is not a number")
            #expect(Double(number.intValue) == number.doubleValue, "\(key) is not an integer")
        }
        for key in ["seconds", "qps", "wait_p50_ms", "wait_p99_ms", "wait_max_ms", "wait_mean_ms", "fairness"] {
            #expect(object[key] is NSNumber, "\(key) is not a number")
        }
        #expect(object["query"] as? String == "SELECT 1")
        let timeline = try #require(object["timeline"] as? [[String: Any]])
        #expect(timeline.count == 1)
        for key in ["qps", "errors", "timeouts", "wait_p99_ms", "in_use", "idle", "overflow", "waiters"] {
            #expect(timeline[0][key] is NSNumber, "timeline entry lacks \(key)")
        }
    }

    @Test func qpsIsQueriesOverSeconds() throws {
        let object = try Self.decode(Self.sample().json())
        let queries = try #require(object["queries"] as? NSNumber).doubleValue
        let seconds = try #require(object["seconds"] as? NSNumber).doubleValue
        let qps = try #require(object["qps"] as? NSNumber).doubleValue
        #expect(abs(qps - queries / seconds) <= 0.05)
    }

    @Test func jsonIsOneObjectWithSortedKeys() throws {
        let json = Self.sample().json()
        #expect(!json.contains("\n"))
        #expect(json.hasPrefix("{\"arrival_rate\"") || json.hasPrefix("{\"connections_opened\""))
        let decoded = try JSONDecoder().decode(BenchReport.self, from: Data(json.utf8))
        #expect(decoded == Self.sample())
    }

    @Test func summaryNamesTheFigures() {
        let summary = Self.sample().summary
        #expect(summary.contains("412345"))
        #expect(summary.contains("p99 2.10 ms"))
        #expect(summary.contains("fairness   0.999"))
        #expect(summary.contains("pool_size 5 + max_overflow 10"))
    }

    @Test func reportFromMeasurementComputesWaitsFairnessAndQPS() throws {
        var waits = WaitHistogram.make()
        for milliseconds in 1...100 { WaitHistogram.record(.milliseconds(milliseconds), in: &waits) }
        var totals = IntervalCounts()
        totals.queries = 1000
        totals.queryNanoseconds = 10_000_000_000
        totals.timedQueries = 1000
        let measurement = LoadMeasurement(
            elapsed: .milliseconds(2000), totals: totals, waits: waits,
            workers: [WorkerStats(id: 1, label: "worker-1", queries: 500), WorkerStats(id: 2, label: "worker-2", queries: 500)],
            samples: [LoadSample(second: 1, qps: 500, waitP99: .milliseconds(99), inUse: 2)],
            peaks: .init(inUse: 2, overflow: 0, open: 2, waiters: 1, backlog: 0), dropped: 0, connectionsOpened: 2)
        let report = Bench.report(
            measurement, pool: PoolConfiguration(), load: LoadSettings(workers: 2), mode: .pool, warmUp: .seconds(1))
        #expect(report.qps == 500)
        #expect(report.seconds == 2)
        #expect(report.fairness == 1)
        #expect(abs(report.waitP50Ms - 50) < 0.1)
        #expect(abs(report.waitP99Ms - 99) < 0.1)
        #expect(abs(report.waitMaxMs - 100) < 0.1)
        #expect(report.queryMeanMs == 10)
        #expect(report.timeline.map(\.waitP99Ms) == [99])
    }
}

@Suite struct SweepRecommendationTests {
    /// A pool-bound load: 32 workers, 10 ms queries. Throughput grows with the pool until 20 connections serve
    /// every worker's demand; 20 and 25 are equally fast, so 20 is the answer.
    static func poolBound() -> [BenchReport] {
        [(5, 500.0, 250.0), (10, 1000, 120), (15, 1480, 40), (20, 1950, 8), (25, 1960, 2)].map { size, qps, p99 in
            BenchReport(workers: 32, poolSize: size, maxOverflow: 0, query: "SELECT pg_sleep(0.01)", seconds: 10,
                        queries: Int(qps * 10), waitP50Ms: p99 / 2, waitP99Ms: p99, queryMeanMs: 10, peakOpen: size)
        }
    }

    @Test func picksTheSmallestPlateauSizeThatCarriesTheKnee() throws {
        let recommendation = try #require(Recommendation.recommend(Self.poolBound(), maxP99: .milliseconds(100)))
        #expect(recommendation.poolSize == 20)
        #expect(recommendation.bestPoolSize == 25)
        #expect(recommendation.acceptable)
        #expect(abs(recommendation.busyConnections - 19.5) < 0.01)
        #expect(recommendation.explanation.contains("Little's law"))
    }

    @Test func skipsSizesWhoseWaitIsTooLongOrThatTimedOut() throws {
        var reports = Self.poolBound()
        reports[3].waitP99Ms = 150
        let recommendation = try #require(Recommendation.recommend(reports, maxP99: .milliseconds(100)))
        #expect(recommendation.poolSize == 25)
        reports[4].timeouts = 3
        let none = try #require(Recommendation.recommend(reports, maxP99: .milliseconds(100)))
        #expect(!none.acceptable)
        #expect(none.poolSize == 20)
        #expect(none.explanation.contains("over --max-p99"))
    }

    @Test func recommendsOncePerLoad() {
        let more = Self.poolBound().map { report -> BenchReport in
            var report = report
            report.workers = 64
            return report
        }
        let result = SweepResult(reports: Self.poolBound() + more)
        #expect(result.recommendations.map(\.workers) == [32, 64])
    }

    @Test func renderingsMarkTheRecommendedSize() throws {
        let result = SweepResult(reports: Self.poolBound())
        let table = result.table.split(separator: "\n")
        #expect(table[0].contains("pool_size"))
        #expect(table.filter { $0.contains("◀ recommended") }.count == 1)
        #expect(table.first { $0.contains("◀ recommended") }?.contains("1950") == true)
        let csv = result.csv.split(separator: "\n")
        #expect(csv.count == 6)
        #expect(csv[0] == Substring(SweepResult.csvColumns.joined(separator: ",")))
        #expect(csv[4].hasSuffix(",true"))
        let chart = result.chart(width: 100)
        #expect(chart.contains("█"))
        #expect(chart.split(separator: "\n").count == 6)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.json().utf8)) as? [String: Any])
        #expect((object["runs"] as? [Any])?.count == 5)
        #expect(((object["recommendations"] as? [[String: Any]])?.first?["pool_size"] as? Int) == 20)
    }

    @Test func barsScaleToEighthsOfACell() {
        #expect(SweepResult.bar(1, width: 4) == "████")
        #expect(SweepResult.bar(0.5, width: 4) == "██  ")
        #expect(SweepResult.bar(0.125 / 4 * 4 / 4, width: 4) == "▏   ")
        #expect(SweepResult.bar(0, width: 3) == "   ")
    }
}

@Suite struct RecommendationWordingTests {
    static func report(size: Int, qps: Double, workers: Int = 32) -> BenchReport {
        BenchReport(workers: workers, poolSize: size, maxOverflow: 0, query: "SELECT pg_sleep(0.01)", seconds: 10,
                    queries: Int(qps * 10), waitP99Ms: 5, queryMeanMs: 10, peakOpen: size)
    }

    @Test func saysToTryLargerSizesWhenThroughputStillGrowsAtTheTop() throws {
        let recommendation = try #require(Recommendation.recommend([Self.report(size: 8, qps: 800), Self.report(size: 16, qps: 1600)], maxP99: .milliseconds(100)))
        #expect(recommendation.poolSize == 16)
        #expect(recommendation.explanation.contains("try larger sizes"))
    }

    @Test func saysALargerPoolCannotHelpWhenEveryWorkerHasAConnection() throws {
        let recommendation = try #require(Recommendation.recommend([Self.report(size: 16, qps: 1600, workers: 16)], maxP99: .milliseconds(100)))
        #expect(recommendation.explanation.contains("has nobody to serve"))
    }
}
