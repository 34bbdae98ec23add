/// One per-second sample of the load (`LoadSample`) as a recording keeps it: times in milliseconds.
public struct RecordedSample: Sendable, Equatable, Codable {
    public var second: Int
    public var qps: Double
    public var errors: Int
    public var timeouts: Int
    public var lost: Int
    public var waitP50Ms: Double
    public var waitP99Ms: Double
    public var waitMeanMs: Double
    public var queryMeanMs: Double
    public var inUse: Int
    public var idle: Int
    public var overflow: Int
    public var waiters: Int

    public init(_ sample: LoadSample) {
        second = sample.second
        qps = sample.qps
        errors = sample.errors
        timeouts = sample.timeouts
        lost = sample.lost
        waitP50Ms = BenchReport.milliseconds(sample.waitP50)
        waitP99Ms = BenchReport.milliseconds(sample.waitP99)
        waitMeanMs = BenchReport.milliseconds(sample.waitMean)
        queryMeanMs = BenchReport.milliseconds(sample.queryMean)
        inUse = sample.inUse
        idle = sample.idle
        overflow = sample.overflow
        waiters = sample.waiters
    }

    /// The sample back, to the microsecond.
    public var sample: LoadSample {
        LoadSample(
            second: second, qps: qps, errors: errors, timeouts: timeouts, lost: lost,
            waitP50: .microseconds(waitP50Ms * 1000), waitP99: .microseconds(waitP99Ms * 1000), inUse: inUse, idle: idle,
            overflow: overflow, waiters: waiters, queryMean: .microseconds(queryMeanMs * 1000),
            waitMean: .microseconds(waitMeanMs * 1000))
    }

    enum CodingKeys: String, CodingKey {
        case second, qps, errors, timeouts, lost, idle, overflow, waiters
        case waitP50Ms = "wait_p50_ms", waitP99Ms = "wait_p99_ms", waitMeanMs = "wait_mean_ms"
        case queryMeanMs = "query_mean_ms", inUse = "in_use"
    }
}
