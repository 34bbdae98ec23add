import Waiting

/// A check-out waiting in the pool's queue.
struct QueuedCheckOut<Continuation: Sendable>: Sendable {
    var holder: String
    /// The statement the check-out will run, recorded on its slot when it is served.
    var activity: String? = nil
    /// When the check-out started; the time-out counts from here.
    var requestedAt: Duration
    /// nil until the waiting task attaches it.
    var continuation: Continuation?
}

/// Queued check-outs in arrival order, by request id; cancellation and time-outs remove one in O(1).
typealias WaiterQueue<Continuation: Sendable> = IdentifiedQueue<QueuedCheckOut<Continuation>>
