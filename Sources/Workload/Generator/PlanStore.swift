import Synchronization
import Waiting

/// The current `LoadPlan`, readable without a lock when unchanged (an atomic generation), and a place
/// where paused workers wait for the next change.
final class PlanStore: Sendable {
    private struct State {
        var plan: LoadPlan
        /// Tasks waiting for a change: woken with true, or false if cancelled.
        var waiters = ParkedTasks<Bool, Void>()
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
        let woken = state.withLock { state in
            state.plan = plan
            currentGeneration.store(plan.generation, ordering: .releasing)
            return state.waiters.removeAll()
        }
        for continuation in woken { continuation.resume(returning: true) }
    }

    /// Waits until the plan's generation differs from `generation`; false if the task was cancelled.
    func waitForChange(from generation: UInt64) async -> Bool {
        await state.park(in: \.waiters, ifCancelled: false) { $0.plan.generation != generation ? true : nil }
    }
}
