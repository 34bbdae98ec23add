import Synchronization

extension Mutex where Value: Sendable {
    /// Suspends the calling task in the registry at `lot` until the lock's owner takes it out and resumes it,
    /// unless `ready` (run under the lock, before parking) gives a value first. A task cancelled before it
    /// has a value gets `cancelled` and leaves the registry. The task is resumed exactly once.
    @inlinable
    public func park<Result: Sendable, Tag: Sendable>(
        in lot: WritableKeyPath<Value, ParkedTasks<Result, Tag>> & Sendable, tag: Tag, ifCancelled cancelled: Result,
        unless ready: (inout Value) -> Result?
    ) async -> Result {
        func now(_ state: inout Value) -> Result? {
            Task.isCancelled ? cancelled : ready(&state)
        }
        var id: UInt64 = 0
        let immediate = withLock { state -> Result? in
            if let value = now(&state) { return value }
            id = state[keyPath: lot].takeID()
            return nil
        }
        if let immediate { return immediate }
        return await withTaskCancellationHandler { [id] in
            await withCheckedContinuation { (continuation: CheckedContinuation<Result, Never>) in
                let immediate = withLock { state -> Result? in
                    if let value = now(&state) { return value }
                    state[keyPath: lot].park(id, continuation, tag: tag)
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: { [id] in
            withLock { $0[keyPath: lot].unpark(id) }?.resume(returning: cancelled)
        }
    }

    /// `park(in:tag:ifCancelled:unless:)` for a registry that keeps nothing about its tasks.
    @inlinable
    public func park<Result: Sendable>(
        in lot: WritableKeyPath<Value, ParkedTasks<Result, Void>> & Sendable, ifCancelled cancelled: Result,
        unless ready: (inout Value) -> Result?
    ) async -> Result {
        await park(in: lot, tag: (), ifCancelled: cancelled, unless: ready)
    }
}
