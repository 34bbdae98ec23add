import Synchronization
import Waiting

/// Open-loop arrivals not yet taken by a worker (the backlog), and the workers waiting for one, served FIFO.
final class ArrivalQueue: Sendable {
    enum Taken: Sendable { case arrival, recheck, cancelled }

    private struct State {
        var pending = 0
        var dropped = 0
        var waiters = ParkedTasks<Taken, Void>()
    }

    /// Arrivals beyond this backlog are dropped and counted.
    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int = 1_000_000) {
        self.capacity = capacity
    }

    var backlog: Int { state.withLock { $0.pending } }
    var dropped: Int { state.withLock { $0.dropped } }
    var waitingCount: Int { state.withLock { $0.waiters.count } }

    /// Adds `count` arrivals: waiting workers take them first, the rest join the backlog.
    func add(_ count: Int) {
        var toResume: [ParkedTasks<Taken, Void>.Continuation] = []
        state.withLock { state in
            var remaining = count
            while remaining > 0, let waiter = state.waiters.popFirst() {
                toResume.append(waiter)
                remaining -= 1
            }
            let room = max(0, capacity - state.pending)
            state.pending += min(room, remaining)
            state.dropped += max(0, remaining - room)
        }
        for continuation in toResume { continuation.resume(returning: .arrival) }
    }

    /// The next arrival; `.recheck` when woken by a settings change, `.cancelled` when the task was cancelled.
    /// Not inlined: its parking would be slots of the worker loop's async frame (`LoadGenerator.runWorker`).
    @inline(never)
    func take() async -> Taken {
        await state.park(in: \.waiters, ifCancelled: .cancelled) { state in
            guard state.pending > 0 else { return nil }
            state.pending -= 1
            return .arrival
        }
    }

    /// Wakes every waiting worker with `.recheck` (the settings changed).
    func wakeAll() {
        for continuation in state.withLock({ $0.waiters.removeAll() }) { continuation.resume(returning: .recheck) }
    }

    /// Forgets the backlog (the load left open loop) and the dropped count.
    func clear() {
        state.withLock { state in
            state.pending = 0
            state.dropped = 0
        }
    }

    func resetDropped() {
        state.withLock { $0.dropped = 0 }
    }
}
