/// Where a replay stands, as a pure value over the caller's time (`now`, any monotonic duration): the position
/// moves at `speed` while playing, stays while paused, and never leaves 0…`length`. Seeks and speed changes take
/// effect from `now`.
public struct ReplayClock: Sendable, Equatable {
    /// The speeds `<` and `>` step through.
    public static let speeds: [Double] = [0.25, 0.5, 1, 2, 4, 8, 16]

    public let length: Duration
    public private(set) var speed: Double = 1
    public private(set) var paused = false
    /// The position at `anchorTime`.
    private var anchor: Duration = .zero
    private var anchorTime: Duration

    public init(length: Duration, now: Duration) {
        self.length = max(.zero, length)
        anchorTime = now
    }

    public func position(at now: Duration) -> Duration {
        if paused { return anchor }
        return min(length, max(.zero, anchor + (now - anchorTime) * speed))
    }

    public func isAtEnd(at now: Duration) -> Bool { position(at: now) >= length }

    /// Pauses, or resumes; at the end (paused or not) it plays again from the beginning.
    public mutating func togglePause(at now: Duration) {
        rebase(at: now)
        if anchor >= length {
            anchor = .zero
            paused = false
        } else {
            paused.toggle()
        }
    }

    public mutating func seek(by offset: Duration, at now: Duration) {
        seek(to: position(at: now) + offset, at: now)
    }

    public mutating func seek(to position: Duration, at now: Duration) {
        rebase(at: now)
        anchor = min(length, max(.zero, position))
    }

    /// One step along `speeds`; false when already at the fastest (or slowest).
    @discardableResult
    public mutating func changeSpeed(faster: Bool, at now: Duration) -> Bool {
        let index = Self.speeds.firstIndex(of: speed) ?? Self.speeds.firstIndex(of: 1)!
        let next = faster ? index + 1 : index - 1
        guard Self.speeds.indices.contains(next) else { return false }
        rebase(at: now)
        speed = Self.speeds[next]
        return true
    }

    public func status(at now: Duration, damage: String? = nil) -> ReplayStatus {
        ReplayStatus(position: position(at: now), length: length, speed: speed, paused: paused, damage: damage)
    }

    private mutating func rebase(at now: Duration) {
        anchor = position(at: now)
        anchorTime = now
    }
}
