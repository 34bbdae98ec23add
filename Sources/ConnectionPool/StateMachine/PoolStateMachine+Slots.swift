/// Connections: opening on demand with back-off, check-in, reset, release and closing.
extension PoolStateMachine {
    /// A connect succeeded: the connection serves the oldest waiter or goes idle.
    mutating func connectionEstablished(slot: Int, connection: Connection, backendPID: Int32?, now: Duration) -> Actions {
        var actions = Actions()
        guard let index = index(ofSlot: slot), case .connecting(let startedAt) = phase(at: index) else { return actions }
        counters.connects += 1
        connectTimes.record(now - startedAt)
        endBackoff(now: now)
        slots[index].opened(connection)
        let open = SlotEntry.Open(backendPID: backendPID, openedAt: now)
        if let reason = closeReasonAtCheckIn(open, now: now) {
            close(index, open, reason: reason, now: now, into: &actions)
        } else {
            release(index, open, now: now, into: &actions)
        }
        startConnects(now: now, into: &actions)
        return actions
    }

    /// A connect failed: the slot goes away, the next attempt waits for the back-off. Attempts that
    /// were already under way when an earlier failure was reported bring no news: they are counted but
    /// do not lengthen the back-off (a burst of 15 refused connects is one failure, not 15; see
    /// `ConnectBackoff`).
    mutating func connectFailed(slot: Int, message: String, failure: ConnectFailure = .other, now: Duration) -> Actions {
        var actions = Actions()
        guard let index = index(ofSlot: slot), case .connecting(let startedAt) = phase(at: index) else { return actions }
        if slots[index].kind == .core { coreCount -= 1 }
        removeSlot(index)
        relabel()
        events.append(at: now, .slotChanged(slot: slot, from: .connecting, to: nil, reason: .broken))
        if isShutdown { return actions }
        counters.connectFailures += 1
        switch failure {
        case .refused: counters.connectRefused += 1
        case .serverFull: counters.serverFull += 1
        case .other: break
        }
        backoff.fail(startedAt: startedAt, kind: failure, message: message, retry: configuration.connectRetry, now: now)
        let delay = connectAllowedAt - now
        switch failure {
        case .refused: events.append(at: now, .connectRefused(message: message, retryIn: delay))
        case .serverFull: events.append(at: now, .serverFull(message: message, retryIn: delay))
        case .other: events.append(at: now, .connectFailed(message: message, retryIn: delay))
        }
        startConnects(now: now, into: &actions)
        return actions
    }

    /// A connect succeeded: the back-off ends for every attempt waiting on it (`startConnects` then
    /// opens all that demand asks for at once). After failures, says how long connects failed.
    mutating func endBackoff(now: Duration) {
        if let failing = backoff.failing {
            events.append(at: now, .connectsRestored(failedFor: now - failing.since, failures: failing.attempts))
        }
        backoff = .clear
    }

    /// A holder gives a connection back. Broken ones close; others are reset (if configured) and released.
    /// `needsReset` answers for the returned connection whether the configured reset has work to do
    /// (`PoolableConnection.needsReset`); when not, the connection is released at once.
    /// `lost` (nil: not lost) says the connection itself was lost, and why, in words for the event.
    mutating func checkIn(
        slot: Int, checkout: UInt64, broken: Bool, lost: String? = nil, now: Duration,
        needsReset: (ResetMode) -> Bool = { $0 != .none }
    ) -> (CheckInDecision, Actions) {
        var actions = Actions()
        guard let index = index(ofSlot: slot), case .inUse(let open, let holding) = phase(at: index),
            holding.checkout == checkout
        else { return (.ignored, actions) }
        counters.checkins += 1
        holdTimes.record(now - holding.since)
        if let lost {
            noteLost(slot: slot, open, cause: lost, now: now)
            close(index, open, reason: .broken, now: now, into: &actions)
        } else if broken {
            close(index, open, reason: .broken, now: now, into: &actions)
        } else if let reason = closeReasonAtCheckIn(open, now: now) {
            close(index, open, reason: reason, now: now, into: &actions)
        } else if configuration.resetOnReturn != .none, needsReset(configuration.resetOnReturn) {
            setPhase(index, .resetting(open), now: now)
            return (.reset(self.connection(at: index), configuration.resetOnReturn), actions)
        } else {
            release(index, open, now: now, into: &actions)
        }
        startConnects(now: now, into: &actions)
        return (.done, actions)
    }

    /// The reset started by `checkIn` finished.
    mutating func resetCompleted(slot: Int, succeeded: Bool, now: Duration) -> Actions {
        var actions = Actions()
        guard let index = index(ofSlot: slot), case .resetting(let open) = phase(at: index) else { return actions }
        if !succeeded {
            close(index, open, reason: .broken, now: now, into: &actions)
        } else if let reason = closeReasonAtCheckIn(open, now: now) {
            close(index, open, reason: reason, now: now, into: &actions)
        } else {
            release(index, open, now: now, into: &actions)
        }
        startConnects(now: now, into: &actions)
        return actions
    }

    /// A close started by a `close` action finished: the slot is gone and its place may be refilled.
    mutating func connectionClosed(slot: Int, now: Duration) -> Actions {
        var actions = Actions()
        guard let index = index(ofSlot: slot), slots[index].isClosing else { return actions }
        let state = slots[index].state
        removeSlot(index)
        events.append(at: now, .slotChanged(slot: slot, from: state, to: nil, reason: nil))
        startConnects(now: now, into: &actions)
        return actions
    }

    /// Records what a holder runs, for snapshots.
    mutating func reportActivity(slot: Int, checkout: UInt64, query: String?, now: Duration) {
        guard let index = index(ofSlot: slot), case .inUse(let open, var holding) = phase(at: index),
            holding.checkout == checkout
        else { return }
        holding.activity = query.map { ($0, now) }
        slots[index].enter(.inUse(open, holding))
    }

    // MARK: Internals

    /// Counts a connection found lost (not merely returned broken) and says so, naming its backend.
    mutating func noteLost(slot: Int, _ open: SlotEntry.Open, cause: String, now: Duration) {
        counters.connectionsLost += 1
        events.append(at: now, .connectionLost(slot: slot, backendPID: open.backendPID, cause: cause))
    }

    /// Shutdown, a lowered limit or age closes a returned connection whatever the demand.
    func closeReasonAtCheckIn(_ open: SlotEntry.Open, now: Duration) -> CloseReason? {
        if isShutdown { return .shutdown }
        if isOverLimit { return .shrunk }
        if isPastLifetime(open, now: now) { return .recycled }
        return nil
    }

    /// A usable, free connection: the oldest waiter gets it; else it idles if the idle capacity allows
    /// (SQLAlchemy: a connection returned while `poolSize` are idle is closed as overflow).
    mutating func release(_ index: Int, _ open: SlotEntry.Open, now: Duration, into actions: inout Actions) {
        if serveOldestWaiter(index, open, now: now, into: &actions) { return }
        if idleCount >= idleCapacity {
            close(index, open, reason: .overflowReturned, now: now, into: &actions)
            return
        }
        idle.append(slots[index].id)
        setPhase(index, .idle(open, since: now), now: now)
        if protectedIdleDue, idleCount > configuration.minimumIdle { schedule(now, into: &actions) }
        var deadline: Duration?
        if let timeout = configuration.idleTimeout { deadline = now + timeout }
        if let lifetime = configuration.maxLifetime {
            deadline = Swift.min(deadline ?? .seconds(Int64.max), open.openedAt + lifetime)
        }
        if let deadline { schedule(deadline, into: &actions) }
    }

    /// Connections still wanted: one per waiter not covered by a connect in flight, plus the idle ones
    /// `minimumIdle` asks for.
    var connectShortfall: Int {
        waiters.count + Swift.max(0, configuration.minimumIdle - idleCount) - connectingCount
    }

    /// Opens the connections demand asks for, within the limits. After connect failures only one
    /// attempt (a probe) runs at a time, and none before the back-off has passed.
    mutating func startConnects(now: Duration, into actions: inout Actions) {
        guard !isShutdown else { return }
        var wanted = connectShortfall
        guard wanted > 0 else { return }
        if now < connectAllowedAt {
            schedule(connectAllowedAt, into: &actions)
            return
        }
        if connectFailures > 0 { wanted = connectingCount == 0 ? 1 : 0 }
        while wanted > 0, canOpen {
            actions.connect.append(openSlot(now: now))
            wanted -= 1
        }
    }
}
