extension ConnectionPool {
    /// Records a change made beside the pool (the load's knobs: "workers 32 → 40") as a configuration event,
    /// so the event log and the charts' markers show it with the pool's own changes.
    public func recordChange(_ description: String) {
        state.withLock { $0.machine.events.append(at: clock.now - origin, .configurationChanged(description: description)) }
    }
}
