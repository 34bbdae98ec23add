/// Running the state machine and carrying out its actions.
extension ConnectionPool {
    /// Mutates the machine under the lock with the current time, wakes the timer if asked, then executes
    /// the actions outside the lock.
    @inline(__always) @discardableResult
    func withMachine<R: Sendable>(_ body: (inout Machine, Duration) -> (R, Machine.Actions)) -> R {
        let (result, actions, sleeper) = state.withLock { state -> (R, Machine.Actions, Task<Void, any Error>?) in
            let (result, actions) = body(&state.machine, clock.now - origin)
            guard actions.wakeUp != nil else { return (result, actions, nil) }
            state.timerGeneration &+= 1
            defer { state.sleeper = nil }
            return (result, actions, state.sleeper)
        }
        sleeper?.cancel()
        if !actions.isEmpty { execute(actions) }
        return result
    }

    func execute(_ actions: Machine.Actions) {
        for (continuation, outcome) in actions.resume { continuation.resume(returning: outcome) }
        for slot in actions.connect { track { await self.connect(slot: slot) } }
        for (slot, connection) in actions.close { track { await self.close(slot: slot, connection) } }
    }

    /// Runs `work` in a task that `shutdown()` waits for; the task forgets itself when done.
    private func track(_ work: @escaping @Sendable () async -> Void) {
        state.withLock { state in
            let id = state.nextTaskID
            state.nextTaskID &+= 1
            // Registered under the lock before the task can finish and remove itself.
            state.inFlight[id] = Task {
                await work()
                self.state.withLock { _ = $0.inFlight.removeValue(forKey: id) }
            }
        }
    }

    func connect(slot: Int) async {
        do {
            let startedAt = observer == nil ? .zero : clock.now
            let connection = try await factory.makeConnection()
            observer?.connectionCreated(in: clock.now - startedAt)
            withMachine { machine, now in
                ((), machine.connectionEstablished(slot: slot, connection: connection, backendPID: connection.backendPID, now: now))
            }
        } catch {
            let failure = factory.classify(connectError: error)
            withMachine { machine, now in ((), machine.connectFailed(slot: slot, message: "\(error)", failure: failure, now: now)) }
        }
    }

    func close(slot: Int, _ connection: any PoolableConnection) async {
        await connection.close()
        withMachine { machine, now in ((), machine.connectionClosed(slot: slot, now: now)) }
    }

    /// Parks the check-out until the machine resolves request `id`; cancellation removes it from the queue.
    nonisolated(nonsending) func wait(for id: UInt64) async -> Result<PoolAssignment<any PoolableConnection>, PoolError> {
        await withTaskCancellationHandler {
            // Unsafe (no canary allocation per wait): the machine resolves every request exactly once.
            await withUnsafeContinuation { (continuation: PoolWaiting) in
                let early = state.withLock { $0.machine.attach(continuation, to: id) }
                if let early { continuation.resume(returning: early) }
            }
        } onCancel: {
            withMachine { machine, _ in ((), machine.cancel(id)) }
        }
    }

    /// The caller's lease; the machine only ever holds connections this pool's factory made.
    func lease(_ assignment: PoolAssignment<any PoolableConnection>) -> Lease<Connection> {
        Lease(
            connection: unsafeDowncast(assignment.connection as AnyObject, to: Connection.self), slot: assignment.slot,
            waited: assignment.waited, checkout: assignment.checkout, checkedOutAt: assignment.requestedAt + assignment.waited)
    }
}
