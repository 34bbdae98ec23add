import Foundation

/// One pool size's runs in a sweep, summarised robustly: medians, the run-to-run range, the worst wait.
public struct SizeSummary: Sendable, Equatable, Codable {
    public var poolSize: Int
    public var runs: Int
    /// Median throughput over the runs, and the lowest and highest run.
    public var qps: Double
    public var qpsLow: Double
    public var qpsHigh: Double
    /// Median statement time (check-out wait excluded).
    public var queryMeanMs: Double
    /// The worst run's p99 check-out wait.
    public var waitP99Ms: Double
    public var timeouts: Int
    public var errors: Int

    /// Little's law: connections busy on average = throughput × query time.
    public var busyConnections: Double { qps * queryMeanMs / 1000 }

    enum CodingKeys: String, CodingKey {
        case runs, qps, timeouts, errors
        case poolSize = "pool_size", qpsLow = "qps_low", qpsHigh = "qps_high", queryMeanMs = "query_mean_ms"
        case waitP99Ms = "wait_p99_ms"
    }
}

/// One load's sweep measurements as a throughput curve over pool size, with the run-to-run noise of the machine.
public struct SweepCurve: Sendable, Equatable {
    /// One per measured size, smallest first.
    public var sizes: [SizeSummary]
    /// The relative standard deviation of one run's throughput (0.05 = ±5 %), typical over the sizes; nil
    /// without repeats.
    public var noise: Double?

    public init(_ reports: [BenchReport]) {
        var bySize: [Int: [BenchReport]] = [:]
        for report in reports { bySize[report.poolSize, default: []].append(report) }
        sizes = bySize.keys.sorted().map { size in
            let runs = bySize[size]!
            let qps = runs.map(\.qps)
            return SizeSummary(
                poolSize: size, runs: runs.count, qps: Self.median(qps), qpsLow: qps.min()!, qpsHigh: qps.max()!,
                queryMeanMs: Self.median(runs.map(\.queryMeanMs)), waitP99Ms: runs.map(\.waitP99Ms).max()!,
                timeouts: runs.reduce(0) { $0 + $1.timeouts }, errors: runs.reduce(0) { $0 + $1.errors })
        }
        noise = Self.typicalRelativeDeviation(bySize.values.map { $0.map(\.qps) })
    }

    /// The summary of one size, if it was measured.
    public func summary(_ poolSize: Int) -> SizeSummary? { sizes.first { $0.poolSize == poolSize } }

    /// The middle value (the mean of the middle two for an even count); 0 for none.
    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The typical standard deviation of runs relative to their size's mean, over every size run at least twice:
    /// the mean over sizes of each one's relative deviation, unbiased for normal noise (÷ c4(n)). A mean of
    /// deviations, not of squares, so one disturbed run moves it less. Nil when no size was repeated.
    static func typicalRelativeDeviation(_ groups: [[Double]]) -> Double? {
        let estimates = groups.compactMap { group -> Double? in
            guard group.count >= 2 else { return nil }
            let count = Double(group.count)
            let mean = group.reduce(0, +) / count
            guard mean > 0 else { return nil }
            let deviation = (group.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (count - 1)).squareRoot() / mean
            // c4(n) = E[s] / σ for n normal samples: sqrt(2 / (n − 1)) · Γ(n / 2) / Γ((n − 1) / 2).
            let c4 = (2 / (count - 1)).squareRoot() * exp(lgamma(count / 2) - lgamma((count - 1) / 2))
            return deviation / c4
        }
        return estimates.isEmpty ? nil : estimates.reduce(0, +) / Double(estimates.count)
    }
}
