import ConnectionPool

/// The first line of a recording: what ran, against what, from when. The target is the masked label
/// (`ConnectionTarget.displayString`): a recording never holds a password.
public struct RecordingHeader: Sendable, Equatable, Codable {
    public var format: Int
    public var pooltopVersion: String
    /// `top` (the screen), `bench` or `sweep`.
    public var command: String
    /// ISO 8601, UTC.
    public var startedAt: String
    public var target: String
    /// The pool's knobs at the start, by name in the flags' syntax (`RecordedKnobs`).
    public var pool: [String: String]
    /// The load's knobs at the start (`workers`, `think`, `rate`, `mix`, `mode`, `paused`).
    public var load: [String: String]
    /// bench and sweep: how long each run measures, and its warm-up.
    public var durationSeconds: Double?
    public var warmUpSeconds: Double?

    public init(command: String, pooltopVersion: String, startedAt: String, target: String, pool: PoolConfiguration,
                load: LoadSettings, duration: Duration? = nil, warmUp: Duration? = nil) {
        format = RecordLine.formatVersion
        self.pooltopVersion = pooltopVersion
        self.command = command
        self.startedAt = startedAt
        self.target = target
        self.pool = RecordedKnobs.pool(pool)
        self.load = RecordedKnobs.load(load)
        durationSeconds = duration?.seconds
        warmUpSeconds = warmUp?.seconds
    }

    enum CodingKeys: String, CodingKey {
        case format, command, target, pool, load
        case pooltopVersion = "pooltop_version", startedAt = "started_at"
        case durationSeconds = "duration_seconds", warmUpSeconds = "warm_up_seconds"
    }
}
