/// The pool's source of time, injected so tests can drive it by hand (`ManualClock`).
public protocol PoolClock: Sendable {
    /// Time since the clock's fixed origin; never decreases.
    var now: Duration { get }
    /// Returns once `now >= deadline`; throws `CancellationError` if the task is cancelled first.
    func sleep(until deadline: Duration) async throws
}

/// Real time from `ContinuousClock` (keeps counting while the machine sleeps).
public struct ContinuousPoolClock: PoolClock {
    private let origin: ContinuousClock.Instant

    public init() { origin = ContinuousClock.now }

    public var now: Duration { ContinuousClock.now - origin }

    public func sleep(until deadline: Duration) async throws {
        try await Task.sleep(until: origin + deadline, clock: .continuous)
    }
}
