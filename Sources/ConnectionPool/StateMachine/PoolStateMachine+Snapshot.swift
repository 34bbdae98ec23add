/// The snapshot the screen and the load read.
extension PoolStateMachine {
    /// Slots in id order, the oldest 64 waiters, counters and cached latency summaries.
    mutating func snapshot(now: Duration) -> PoolSnapshot {
        var result = PoolSnapshot(
            uptime: now, configuration: configuration, counters: counters,
            waitTime: waitTimes.summary(), holdTime: holdTimes.summary(), connectTime: connectTimes.summary(),
            lastEventSequence: events.lastSequence)
        result.slots.reserveCapacity(slots.count)
        for entry in slots {
            let inUse = entry.state == .inUse || (entry.state == .checking && entry.pendingCheck == .ping)
            result.slots.append(
                Slot(
                    id: entry.id, state: entry.state, kind: entry.kind, age: now - entry.since,
                    idleFor: entry.state == .idle ? now - entry.idleSince : nil, uses: entry.uses,
                    holder: entry.holder, heldFor: inUse ? now - entry.leasedAt : nil, backendPID: entry.backendPID,
                    query: entry.query, queryFor: entry.queryStartedAt.map { now - $0 }))
        }
        if !waiters.isEmpty {
            let oldest = waiters.oldest(64)
            result.waiters = Waiters(
                count: waiters.count, oldestWait: oldest.first.map { now - $0.requestedAt },
                oldest: oldest.map { Waiter(holder: $0.holder, waited: now - $0.requestedAt) })
        }
        return result
    }
}
