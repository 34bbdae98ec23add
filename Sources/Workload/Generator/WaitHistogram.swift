import Histogram

/// The one histogram layout for check-out waits (nanoseconds, 1 ns to 1 h, 3 significant digits), so that
/// per-shard histograms merge.
enum WaitHistogram {
    static let highestNanoseconds: UInt64 = 3_600_000_000_000

    static func make() -> Histogram<UInt64> {
        Histogram(lowestDiscernibleValue: 1, highestTrackableValue: highestNanoseconds, numberOfSignificantValueDigits: .three)
    }

    static func record(_ duration: Duration, in histogram: inout Histogram<UInt64>) {
        let nanoseconds = UInt64(max(0, duration.nanoseconds))
        _ = histogram.record(min(nanoseconds, highestNanoseconds))
    }

    static func percentile(_ histogram: Histogram<UInt64>, _ percentile: Double) -> Duration {
        histogram.totalCount == 0 ? .zero : .nanoseconds(Int64(histogram.valueAtPercentile(percentile)))
    }

    static func maximum(_ histogram: Histogram<UInt64>) -> Duration {
        histogram.totalCount == 0 ? .zero : .nanoseconds(Int64(histogram.max))
    }

    static func mean(_ histogram: Histogram<UInt64>) -> Duration {
        histogram.totalCount == 0 ? .zero : .nanoseconds(Int64(histogram.mean.rounded()))
    }
}
