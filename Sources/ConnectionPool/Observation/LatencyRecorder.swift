import Histogram

/// An HdrHistogram of durations (microsecond resolution, up to one hour) whose summary is cached
/// until the next recording, so repeated snapshots stay cheap.
struct LatencyRecorder: Sendable {
    private static var highest: UInt64 { 3_600_000_000 }
    private var histogram = Histogram<UInt64>(
        lowestDiscernibleValue: 1, highestTrackableValue: LatencyRecorder.highest, numberOfSignificantValueDigits: .two)
    private var cached: LatencySummary? = LatencySummary()
    private var sumMicros: UInt64 = 0

    init() {}

    var count: Int { Int(histogram.totalCount) }
    /// Sum of recorded values (for OpenTelemetry histogram sums).
    var sum: Duration { .microseconds(Int64(clamping: sumMicros)) }

    mutating func record(_ duration: Duration) {
        let micros = duration <= .zero ? 0 : UInt64(duration.nanoseconds / 1000)
        _ = histogram.record(Swift.min(micros, Self.highest))
        sumMicros &+= micros
        cached = nil
    }

    /// Count, mean and percentiles, computed in one pass over the recorded buckets.
    mutating func summary() -> LatencySummary {
        if let cached { return cached }
        let total = histogram.totalCount
        var result = LatencySummary(count: Int(total))
        if total > 0 {
            let targets: [Double] = [0.5, 0.9, 0.99]
            var found: [UInt64] = [0, 0, 0]
            var next = 0
            for bucket in histogram.recordedValues() where next < targets.count {
                while next < targets.count, Double(bucket.totalCountToThisValue) >= targets[next] * Double(total) {
                    found[next] = histogram.highestEquivalentForValue(bucket.value)
                    next += 1
                }
            }
            result.mean = .microseconds(Double(sumMicros) / Double(total))
            result.p50 = .microseconds(Int64(found[0]))
            result.p90 = .microseconds(Int64(found[1]))
            result.p99 = .microseconds(Int64(found[2]))
            result.max = .microseconds(Int64(histogram.max))
        }
        cached = result
        return result
    }
}
