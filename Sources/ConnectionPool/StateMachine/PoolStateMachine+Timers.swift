/// Time: waiter time-outs, idle and lifetime closes, leak warnings, connect retries.
extension PoolStateMachine {
    /// The timer fired (or was woken early): does everything due at `now` and sets `wakeUpAt` to the
    /// next deadline. The returned actions never carry `wakeUp`; the timer reads `wakeUpAt`.
    mutating func tick(now: Duration) -> Actions {
        var actions = Actions()
        wakeUpAt = nil
        guard !isShutdown else { return actions }
        expireWaiters(now: now, into: &actions)
        closeExpiredIdle(now: now, into: &actions)
        warnLeaks(now: now)
        startConnects(now: now, into: &actions)
        wakeUpAt = nextDeadline(now: now)
        actions.wakeUp = nil
        return actions
    }

    /// Idle connections past their lifetime close as `.recycled`; those idle past `idleTimeout` close as
    /// `.idle`, oldest first, while more than `minimumIdle` stay idle.
    mutating func closeExpiredIdle(now: Duration, into actions: inout Actions) {
        for id in idle.elements {
            guard let index = index(ofSlot: id), case .idle(let open, let since) = phase(at: index) else { continue }
            if isPastLifetime(open, now: now) {
                close(index, open, reason: .recycled, now: now, into: &actions)
            } else if let timeout = configuration.idleTimeout, now - since >= timeout,
                idleCount > configuration.minimumIdle
            {
                close(index, open, reason: .idle, now: now, into: &actions)
            }
        }
    }

    /// A connection held past `leakThreshold` raises one warning per check-out, naming its holder.
    mutating func warnLeaks(now: Duration) {
        guard let threshold = configuration.leakThreshold, inUseCount > 0 else { return }
        for index in slots.indices {
            guard case .inUse(let open, var holding) = phase(at: index), !holding.leakWarned else { continue }
            let held = now - holding.since
            guard held >= threshold else { continue }
            holding.leakWarned = true
            slots[index].enter(.inUse(open, holding))
            counters.leakWarnings += 1
            events.append(at: now, .leakSuspected(slot: slots[index].id, holder: holding.holder, heldFor: held))
        }
    }

    /// The earliest future time something becomes due, or nil.
    mutating func nextDeadline(now: Duration) -> Duration? {
        var next: Duration?
        func consider(_ deadline: Duration) {
            if next == nil || deadline < next! { next = deadline }
        }
        if let (_, head) = waiters.first() { consider(head.requestedAt + configuration.checkoutTimeout) }
        protectedIdleDue = false
        for id in idle.elements {
            guard let index = index(ofSlot: id), case .idle(let open, let since) = phase(at: index) else { continue }
            if let lifetime = configuration.maxLifetime { consider(open.openedAt + lifetime) }
            if let timeout = configuration.idleTimeout {
                let due = since + timeout
                if due > now { consider(due) } else { protectedIdleDue = true }
            }
        }
        if let threshold = configuration.leakThreshold {
            for slot in slots {
                if case .inUse(_, let holding) = slot.phase, !holding.leakWarned { consider(holding.since + threshold) }
            }
        }
        if connectAllowedAt > now, connectShortfall > 0 { consider(connectAllowedAt) }
        return next
    }
}
