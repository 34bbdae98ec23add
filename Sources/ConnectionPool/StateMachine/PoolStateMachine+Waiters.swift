/// Check-outs: the fast path, the FIFO queue, hand-offs, cancellation and time-outs.
extension PoolStateMachine {
    /// A check-out arrives. It takes an idle connection only when nobody waits (no barging); otherwise
    /// it queues behind the waiters, unless `maxWaiters` are already queued.
    mutating func checkOut(holder: String, activity: String? = nil, now: Duration) -> (CheckOutDecision, Actions) {
        var actions = Actions()
        if isShutdown { return (.failed(.shutdown), actions) }
        if waiters.isEmpty, let assignment = leaseIdle(holder: holder, activity: activity, requestedAt: now, now: now, into: &actions) {
            startConnects(now: now, into: &actions)
            return (.leased(assignment), actions)
        }
        if let limit = configuration.maxWaiters, waiters.count >= limit {
            counters.rejected += 1
            return (.failed(.tooManyWaiters(limit: limit)), actions)
        }
        let id = enqueue(holder: holder, activity: activity, requestedAt: now, atFront: false, now: now, into: &actions)
        return (.queued(id: id), actions)
    }

    /// The waiting task hands over its continuation. Returns the outcome at once if the request was
    /// already served, timed out or cancelled.
    mutating func attach(_ continuation: Continuation, to id: UInt64) -> Outcome? {
        if let outcome = earlyOutcomes.removeValue(forKey: id) { return outcome }
        if waiters.update(id, { $0.continuation = continuation }) { return nil }
        return .failure(.cancelled)
    }

    /// The waiting task was cancelled: it leaves the queue and fails with `.cancelled`.
    mutating func cancel(_ id: UInt64) -> Actions {
        var actions = Actions()
        if let entry = waiters.remove(id) {
            resolve(id, entry, .failure(.cancelled), into: &actions)
        }
        return actions
    }

    /// A pre-ping failed: the slot is closed as broken and the check-out goes back to the FRONT of the
    /// queue with its original start time (it was the oldest when served).
    /// `lost` says why, when the connection itself turned out lost.
    mutating func prePingFailed(
        slot: Int, checkout: UInt64, holder: String, activity: String? = nil, requestedAt: Duration, lost: String? = nil,
        now: Duration
    )
        -> (CheckOutDecision, Actions)
    {
        var actions = Actions()
        counters.prePingFailures += 1
        if let index = index(ofSlot: slot), case .pinging(let open, let holding) = phase(at: index),
            holding.checkout == checkout
        {
            if let lost { noteLost(slot: slot, open, cause: lost, now: now) }
            close(index, open, reason: .broken, now: now, into: &actions)
        }
        if isShutdown { return (.failed(.shutdown), actions) }
        if let assignment = leaseIdle(holder: holder, activity: activity, requestedAt: requestedAt, now: now, into: &actions) {
            startConnects(now: now, into: &actions)
            return (.leased(assignment), actions)
        }
        let id = enqueue(holder: holder, activity: activity, requestedAt: requestedAt, atFront: true, now: now, into: &actions)
        return (.queued(id: id), actions)
    }

    /// A pre-ping succeeded: the holder may use the connection.
    mutating func prePingSucceeded(slot: Int, checkout: UInt64, now: Duration) {
        guard let index = index(ofSlot: slot), case .pinging(let open, let holding) = phase(at: index),
            holding.checkout == checkout
        else { return }
        setPhase(index, .inUse(open, holding), now: now)
    }

    // MARK: Internals

    private mutating func enqueue(
        holder: String, activity: String?, requestedAt: Duration, atFront: Bool, now: Duration, into actions: inout Actions
    ) -> UInt64 {
        let id = nextCheckoutID
        nextCheckoutID += 1
        let entry = QueuedCheckOut<Continuation>(holder: holder, activity: activity, requestedAt: requestedAt)
        if atFront { waiters.prepend(id, entry) } else { waiters.append(id, entry) }
        schedule(requestedAt + configuration.checkoutTimeout, into: &actions)
        startConnects(now: now, into: &actions)
        return id
    }

    /// Takes an idle connection in the configured order, closing any past its lifetime on the way.
    mutating func leaseIdle(
        holder: String, activity: String? = nil, requestedAt: Duration, now: Duration, into actions: inout Actions
    )
        -> Assignment?
    {
        while let id = popIdle() {
            guard let index = index(ofSlot: id), case .idle(let open, _) = phase(at: index) else { continue }
            if isPastLifetime(open, now: now) {
                idle.prepend(id)  // still idle until `close` takes it off the list
                close(index, open, reason: .recycled, now: now, into: &actions)
                continue
            }
            return lease(index, open, holder: holder, activity: activity, requestedAt: requestedAt, now: now, into: &actions)
        }
        return nil
    }

    func isPastLifetime(_ open: SlotEntry.Open, now: Duration) -> Bool {
        guard let lifetime = configuration.maxLifetime else { return false }
        return now - open.openedAt >= lifetime
    }

    /// Marks the slot used by `holder` (checking first when pre-ping is on) and records the wait.
    /// Without pre-ping, `activity` is recorded as the slot's running statement from now (as
    /// `reportActivity` would, without another lock); with pre-ping the caller reports it after the ping.
    mutating func lease(
        _ index: Int, _ open: SlotEntry.Open, holder: String, activity: String? = nil, requestedAt: Duration,
        now: Duration, into actions: inout Actions
    ) -> Assignment {
        let checkout = nextCheckoutID
        nextCheckoutID += 1
        let waited = now - requestedAt
        let ping = configuration.prePing
        var holding = SlotEntry.Holding(holder: holder, checkout: checkout, since: now)
        slots[index].uses += 1
        if !ping, let activity { holding.activity = (activity, now) }
        setPhase(index, ping ? .pinging(open, holding) : .inUse(open, holding), now: now)
        counters.checkouts += 1
        waitTimes.record(waited)
        if let threshold = configuration.leakThreshold { schedule(now + threshold, into: &actions) }
        return Assignment(
            connection: connection(at: index), slot: slots[index].id, checkout: checkout,
            requestedAt: requestedAt, waited: waited, needsPing: ping)
    }

    /// Gives the slot at `index` to the oldest waiter, if any.
    mutating func serveOldestWaiter(_ index: Int, _ open: SlotEntry.Open, now: Duration, into actions: inout Actions) -> Bool {
        guard let (id, entry) = waiters.popFirst() else { return false }
        let assignment = lease(
            index, open, holder: entry.holder, activity: entry.activity, requestedAt: entry.requestedAt, now: now, into: &actions)
        resolve(id, entry, .success(assignment), into: &actions)
        return true
    }

    /// Delivers an outcome to a request that has left the queue.
    mutating func resolve(
        _ id: UInt64, _ entry: QueuedCheckOut<Continuation>, _ outcome: Outcome, into actions: inout Actions
    ) {
        if let continuation = entry.continuation {
            actions.resume.append((continuation, outcome))
        } else {
            earlyOutcomes[id] = outcome
        }
    }

    /// `max_waiters` went below the queue: the newest waiters over `limit` fail at once with the error a
    /// newcomer over the limit gets (psycopg_pool's max_waiting), counted as refused, told in one event.
    /// The oldest keep their place: they have waited longest and are the next to be served.
    mutating func turnAwayWaiters(over limit: Int, now: Duration, into actions: inout Actions) {
        var turnedAway = 0
        while waiters.count > limit, let (id, entry) = waiters.popLast() {
            resolve(id, entry, .failure(.tooManyWaiters(limit: limit)), into: &actions)
            turnedAway += 1
        }
        guard turnedAway > 0 else { return }
        counters.rejected += turnedAway
        let noun = turnedAway == 1 ? "waiter" : "waiters"
        events.append(at: now, .warning(message: "max_waiters lowered to \(limit): \(turnedAway) \(noun) turned away"))
    }

    /// Fails every waiter whose time-out has passed; the error names the limits in force.
    mutating func expireWaiters(now: Duration, into actions: inout Actions) {
        while let (id, entry) = waiters.first(), entry.requestedAt + configuration.checkoutTimeout <= now {
            let limits = limitsDescription()
            _ = waiters.popFirst()
            let waited = now - entry.requestedAt
            counters.timeouts += 1
            events.append(at: now, .checkoutTimedOut(holder: entry.holder, waited: waited, limits: limits))
            resolve(id, entry, .failure(.timeout(waited: waited, limits: limits)), into: &actions)
        }
    }

    /// "pool_size 5, max_overflow 10, timeout 30s: 15 in use, 12 waiting[; last connect error: …]".
    func limitsDescription() -> String {
        func knob(_ knob: PoolKnob) -> String { "\(knob.name) \(knob.value(in: configuration))" }
        var text = "\(knob(.poolSize)), \(knob(.maxOverflow)), \(knob(.timeout))"
        text += ": \(inUseCount + checkingCount) in use, \(waiters.count) waiting"
        if connectFailures > 0, let error = lastConnectError { text += "; last connect error: \(error)" }
        return text
    }
}
