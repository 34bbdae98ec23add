/// The snapshot the screen and the load read.
extension PoolStateMachine {
    /// The connections of slots in use or being pre-pinged.
    var heldConnections: [Connection] {
        slots.indices.compactMap { index in
            switch phase(at: index) {
            case .inUse, .pinging: connection(at: index)
            default: nil
            }
        }
    }

    /// Slots in id order, the oldest 64 waiters, counters and cached latency summaries.
    mutating func snapshot(now: Duration) -> PoolSnapshot {
        var result = PoolSnapshot(
            uptime: now, configuration: configuration, counters: counters,
            waitTime: waitTimes.summary(), holdTime: holdTimes.summary(), connectTime: connectTimes.summary(),
            lastEventSequence: events.lastSequence)
        result.slots.reserveCapacity(slots.count)
        slots.withUnsafeBufferPointer { entries in
            for index in entries.indices { result.slots.append(entries[index].snapshot(now: now)) }
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
