/// A run of bench or sweep starts its warm-up or its measurement: the statistics are reset at `measuring`, so
/// the totals of the seconds after it count from there. Run numbers start at 1 (a sweep has several).
public struct RecordedPhase: Sendable, Equatable, Codable {
    public enum Phase: String, Sendable, Codable {
        case warmUp = "warm-up"
        case measuring
    }

    /// Seconds since the recording started.
    public var t: Double
    public var run: Int
    public var phase: Phase
    /// The run's pool size and workers (a sweep changes them between runs).
    public var poolSize: Int
    public var workers: Int

    public init(t: Double, run: Int, phase: Phase, poolSize: Int, workers: Int) {
        self.t = t
        self.run = run
        self.phase = phase
        self.poolSize = poolSize
        self.workers = workers
    }

    enum CodingKeys: String, CodingKey {
        case t, run, phase, workers
        case poolSize = "pool_size"
    }
}
