/// What the replay keys ask of a recording's source: pause, seek, speed.
public enum ReplayControl: Sendable, Equatable, Hashable {
    case togglePause
    /// Forward (positive) or back, clamped to the recording.
    case seek(by: Duration)
    case seekToStart
    case seekToEnd
    case faster
    case slower
}
