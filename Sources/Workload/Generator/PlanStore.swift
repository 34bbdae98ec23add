import Synchronization

/// The current `LoadPlan`, readable without a lock when unchanged (an atomic generation), and a place
/// where paused workers wait for the next change.
final class PlanStore: Sendable {
    private struct State {
        var plan: LoadPlan
        var nextWaiterID: UInt64 = 0
        var waiters = WaiterQueue<Bool>()
    }

    private let state: Mutex<State>
    private let currentGeneration: Atomic<UInt64>

    init(_ plan: LoadPlan) {
        state = Mutex(State(plan: plan))
        currentGeneration = Atomic(plan.generation)
    }

    var generation: UInt64 { currentGeneration.load(ordering: .acquiring) }

    var plan: LoadPlan { state.withLock { $0.plan } }

    /// Installs a new plan and wakes every task waiting for a change.
    func install(_ plan: LoadPlan) {
        let woken = state.withLock { state -> [CheckedContinuation<Bool, Never>] in
            state.plan = plan
            currentGeneration.store(plan.generation, ordering: .releasing)
            return state.waiters.removeAll()
        }
        for continuation in woken { continuation.resume(returning: true) }
    }

    /// Waits until the plan's generation differs from `generation`; false if the task was cancelled.
    func waitForChange(from generation: UInt64) async -> Bool {
        let id = state.withLock { state -> UInt64 in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let immediate = state.withLock { state -> Bool? in
                    if Task.isCancelled { return false }
                    if state.plan.generation != generation { return true }
                    state.waiters.append(id, continuation)
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            state.withLock { $0.waiters.remove(id) }?.resume(returning: false)
        }
    }
}
