/// Live reconfiguration and shutdown.
extension PoolStateMachine {
    /// Applies new knobs without dropping work in flight: one event per changed knob; idle connections over
    /// a lowered limit close now (`.shrunk`), busy ones at check-in; raised limits serve waiters at once.
    /// Waiters already queued take the new check-out time-out, counted from their arrival; a back-off in
    /// progress takes the new connect retry, counted from the failure; a `max_waiters` lowered below the
    /// queue turns the newest waiters over it away (`turnAwayWaiters`).
    mutating func reconfigure(_ new: PoolConfiguration, now: Duration) -> Actions {
        var actions = Actions()
        let new = configuration.successor(new)
        for change in configuration.changes(to: new) { events.append(at: now, .configurationChanged(description: change)) }
        if new.connectRetry != configuration.connectRetry { backoff.retime(new.connectRetry, now: now) }
        let waiterLimitChanged = new.maxWaiters != configuration.maxWaiters
        configuration = new
        guard !isShutdown else { return actions }
        if waiterLimitChanged, let limit = new.maxWaiters { turnAwayWaiters(over: limit, now: now, into: &actions) }
        relabel()
        while idleCount > 0, isOverLimit || idleCount > idleCapacity {
            guard let id = idle.first, let index = index(ofSlot: id) else { break }
            closeIdle(index, reason: .shrunk, now: now, into: &actions)
        }
        startConnects(now: now, into: &actions)
        // Every deadline may have moved: let the timer recompute them now.
        wakeUpAt = nil
        schedule(now, into: &actions)
        return actions
    }

    /// Fails every waiter with `.shutdown` and closes idle connections; busy ones close at check-in and
    /// connecting ones when they open.
    mutating func shutdown(now: Duration) -> Actions {
        var actions = Actions()
        guard !isShutdown else { return actions }
        isShutdown = true
        while let (id, entry) = waiters.popFirst() {
            resolve(id, entry, .failure(.shutdown), into: &actions)
        }
        while let id = idle.first, let index = index(ofSlot: id) {
            closeIdle(index, reason: .shutdown, now: now, into: &actions)
        }
        wakeUpAt = nil
        return actions
    }
}
