/// One second of a recording: the pool's counts, the load's new samples and its totals so far (the figures the
/// dashboard and bench's summary read), the server's connections. Knobs are written when they differ from the
/// line before (and on a run's first line); a reader carries them forward.
public struct RecordedSecond: Sendable, Equatable, Codable {
    /// Seconds since the recording started.
    public var t: Double
    /// bench and sweep: the run this second belongs to.
    public var run: Int?
    /// The run's last line, written from bench's own measurement when the run ended.
    public var final: Bool?
    /// Nil in no-pool mode.
    public var pool: RecordedPool?
    /// The load's per-second samples taken since the line before.
    public var samples: [RecordedSample]
    /// Everything measured since the statistics were last reset, as bench reports it (no timeline: `samples` is it).
    public var totals: BenchReport
    public var server: RecordedServer?
    public var knobs: [String: String]?
    public var load: [String: String]?

    public init(t: Double, run: Int? = nil, final: Bool? = nil, pool: RecordedPool?, samples: [RecordedSample], totals: BenchReport,
                server: RecordedServer? = nil, knobs: [String: String]? = nil, load: [String: String]? = nil) {
        self.t = t
        self.run = run
        self.final = final
        self.pool = pool
        self.samples = samples
        self.totals = totals
        self.server = server
        self.knobs = knobs
        self.load = load
    }
}
