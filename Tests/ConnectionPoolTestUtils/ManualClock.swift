import ConnectionPool
import Synchronization
import Waiting

/// A clock that moves only when a test calls `advance`; sleepers wake when it passes their deadline.
public final class ManualClock: PoolClock {
    private struct State {
        var now: Duration = .zero
        /// Sleeping tasks tagged with their deadline: woken with true, or false if cancelled.
        var sleepers = ParkedTasks<Bool, Duration>()
    }

    private let state = Mutex(State())

    public init(now: Duration = .zero) { state.withLock { $0.now = now } }

    public var now: Duration { state.withLock { $0.now } }

    /// Tasks currently sleeping on this clock.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    public func sleep(until deadline: Duration) async throws {
        let woke = await state.park(in: \.sleepers, tag: deadline, ifCancelled: false) { deadline <= $0.now ? true : nil }
        if !woke { throw CancellationError() }
    }

    /// Moves time forward and wakes every sleeper whose deadline has passed.
    public func advance(by duration: Duration) {
        let due = state.withLock { state in
            state.now += duration
            let now = state.now
            return state.sleepers.removeAll { $0 <= now }
        }
        for continuation in due { continuation.resume(returning: true) }
    }
}
