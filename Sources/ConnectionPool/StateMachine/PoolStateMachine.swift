import Waiting

/// The pool's rules as a value: no I/O, no locks, no clock. Every input is a mutating method that takes
/// `now` (time since the pool started) where it matters and returns the `Actions` its owner must perform.
///
/// Slots: a slot is opened as core while fewer than `poolSize` live (not closing) slots are core, else as
/// overflow. When a core slot starts closing, the oldest live overflow slot is promoted, and lowering
/// `poolSize` demotes the newest core slots, so core == min(live, poolSize) always holds.
struct PoolStateMachine<Connection: Sendable, Continuation: Sendable>: Sendable {
    typealias Assignment = PoolAssignment<Connection>
    typealias Outcome = Result<Assignment, PoolError>

    /// Work for the owner, to do outside its lock. Empty arrays cost nothing.
    struct Actions: Sendable {
        /// Resume these check-outs.
        var resume: [(continuation: Continuation, outcome: Outcome)] = []
        /// Open a connection for each slot id, then report `connectionEstablished` or `connectFailed`.
        var connect: [Int] = []
        /// Close each connection, then report `connectionClosed`.
        var close: [(slot: Int, connection: Connection)] = []
        /// The timer must wake at this earlier time (it already sleeps towards `wakeUpAt` otherwise).
        var wakeUp: Duration?

        var isEmpty: Bool { resume.isEmpty && connect.isEmpty && close.isEmpty && wakeUp == nil }
    }

    /// What a check-out gets at once.
    enum CheckOutDecision: Sendable {
        case leased(Assignment)
        /// Queued as request `id`: `attach` its continuation.
        case queued(id: UInt64)
        case failed(PoolError)
    }

    /// What the owner does with a checked-in connection.
    enum CheckInDecision: Sendable {
        /// Stale or repeated check-in; nothing happened.
        case ignored
        /// Reset the session, then report `resetCompleted`.
        case reset(Connection, ResetMode)
        case done

        var isIgnored: Bool {
            if case .ignored = self { return true }
            return false
        }
    }

    var configuration: PoolConfiguration
    /// Every slot not yet closed, in id order (ids only grow, so appending keeps the order).
    var slots: [SlotEntry] = []
    /// Idle slot ids, least recently returned first.
    var idle = RingBuffer<Int>()
    var waiters = WaiterQueue<Continuation>()
    /// Outcomes of queued check-outs resolved before their continuation was attached.
    var earlyOutcomes: [UInt64: Outcome] = [:]

    var connectingCount = 0
    var inUseCount = 0
    var checkingCount = 0
    var closingCount = 0
    var coreCount = 0

    var nextSlotID = 1
    var nextCheckoutID: UInt64 = 1
    var backoff = ConnectBackoff.clear
    /// Failures that lengthened the back-off since the last successful connect.
    var connectFailures: Int { backoff.failures }
    /// No new connect starts before this.
    var connectAllowedAt: Duration { backoff.allowedAt }
    var lastConnectError: String? { backoff.lastError }
    /// The time the timer sleeps towards; nil while nothing is due.
    var wakeUpAt: Duration?
    /// An idle slot is past `idleTimeout` but kept for `minimumIdle`; a later check-in may free it.
    var protectedIdleDue = false
    var isShutdown = false

    var counters = Counters()
    var waitTimes = LatencyRecorder()
    var holdTimes = LatencyRecorder()
    var connectTimes = LatencyRecorder()
    var events = EventLog()

    init(configuration: PoolConfiguration, eventCapacity: Int = 1024) {
        self.configuration = configuration
        self.events = EventLog(capacity: eventCapacity)
    }

    // MARK: Counts

    var idleCount: Int { idle.count }
    var openCount: Int { slots.count }
    var liveCount: Int { slots.count - closingCount }
    /// The most idle connections kept: more are closed on check-in as returned overflow.
    var idleCapacity: Int { Swift.max(configuration.poolSize, configuration.minimumIdle) }
    var canOpen: Bool {
        guard let max = configuration.maxConnections else { return true }
        return slots.count < max
    }
    var isOverLimit: Bool {
        guard let max = configuration.maxConnections else { return false }
        return slots.count > max
    }

    func index(ofSlot id: Int) -> Int? {
        var low = 0
        var high = slots.count - 1
        while low <= high {
            let mid = (low + high) >> 1
            let midID = slots[mid].id
            if midID == id { return mid }
            if midID < id { low = mid + 1 } else { high = mid - 1 }
        }
        return nil
    }

    // MARK: Transitions shared by every concern

    /// The one place a slot changes state: keeps the counts and emits the event.
    mutating func setPhase(_ index: Int, _ phase: consuming SlotEntry.Phase, now: Duration, reason: CloseReason? = nil) {
        let old = slots[index].state
        adjustCount(old, by: -1)
        slots[index].enter(phase)
        let new = slots[index].state
        adjustCount(new, by: 1)
        events.append(at: now, .slotChanged(slot: slots[index].id, from: old, to: new, reason: reason))
    }

    private mutating func adjustCount(_ state: SlotState, by delta: Int) {
        switch state {
        case .connecting: connectingCount += delta
        case .inUse: inUseCount += delta
        case .checking: checkingCount += delta
        case .closing, .broken: closingCount += delta
        case .idle: break
        }
    }

    /// Adds a connecting slot, core or overflow per the rule above.
    mutating func openSlot(now: Duration) -> Int {
        let id = nextSlotID
        nextSlotID += 1
        let kind: SlotKind = coreCount < configuration.poolSize ? .core : .overflow
        if kind == .core { coreCount += 1 }
        slots.append(SlotEntry(id: id, kind: kind, connectStartedAt: now))
        connectingCount += 1
        events.append(at: now, .slotChanged(slot: id, from: nil, to: .connecting, reason: nil))
        return id
    }

    /// Starts closing the slot's connection `open` (leaving the idle list if it was idle); a connection
    /// found lost (`.broken`) shows as broken until the close completes.
    mutating func close(_ index: Int, _ open: SlotEntry.Open, reason: CloseReason, now: Duration, into actions: inout Actions) {
        let id = slots[index].id
        if case .idle = phase(at: index) { idle.removeFirst(where: { $0 == id }) }
        counters.closes[reason, default: 0] += 1
        setPhase(index, reason == .broken ? .broken(open) : .closing(open), now: now, reason: reason)
        if slots[index].kind == .core {
            coreCount -= 1
            relabel()
        }
        actions.close.append((id, connection(at: index)))
    }

    /// Closes the idle slot at `index`.
    mutating func closeIdle(_ index: Int, reason: CloseReason, now: Duration, into actions: inout Actions) {
        guard case .idle(let open, _) = phase(at: index) else { return }
        close(index, open, reason: reason, now: now, into: &actions)
    }

    /// Restores core == min(live, poolSize): promotes the oldest live overflow slots or demotes the newest core.
    mutating func relabel() {
        let target = Swift.min(liveCount, configuration.poolSize)
        var i = 0
        while coreCount < target, i < slots.count {
            if slots[i].kind == .overflow, !slots[i].isClosing {
                slots[i].kind = .core
                coreCount += 1
            }
            i += 1
        }
        i = slots.count - 1
        while coreCount > target, i >= 0 {
            if slots[i].kind == .core, !slots[i].isClosing {
                slots[i].kind = .overflow
                coreCount -= 1
            }
            i -= 1
        }
    }

    /// Asks the timer to wake at `deadline` if that is earlier than it would.
    mutating func schedule(_ deadline: Duration, into actions: inout Actions) {
        if let current = wakeUpAt, current <= deadline { return }
        wakeUpAt = deadline
        actions.wakeUp = deadline
    }

    mutating func popIdle() -> Int? {
        configuration.idleOrder == .lifo ? idle.popLast() : idle.popFirst()
    }

    mutating func removeSlot(_ index: Int) {
        adjustCount(slots[index].state, by: -1)
        slots.remove(at: index)
    }
}
