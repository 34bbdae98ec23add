import ConnectionPool

/// One event, on the recording's timeline: a pool event (every knob change is one, `configurationChanged`)
/// or what the server monitor saw.
public struct RecordedEvent: Sendable, Equatable, Codable {
    /// Seconds since the recording started.
    public var t: Double
    public var pool: PoolEvent.Kind?
    public var server: ServerEvent.Kind?

    public init(t: Double, pool: PoolEvent.Kind) {
        self.t = t
        self.pool = pool
    }

    public init(t: Double, server: ServerEvent.Kind) {
        self.t = t
        self.server = server
    }
}
