@testable import ConnectionPool

/// A state machine whose connections are slot ids ×100 and whose continuations are request labels, with
/// a hand-driven clock: tests read as "given this state and this event, expect these actions".
struct MachineHarness {
    typealias Machine = PoolStateMachine<Int, String>
    var machine: Machine
    var now: Duration = .zero

    init(_ configuration: PoolConfiguration) {
        machine = Machine(configuration: configuration)
    }

    static func connection(forSlot slot: Int) -> Int { slot * 100 }

    /// Checks out; a queued request gets its continuation (the holder name) attached at once.
    mutating func checkOut(_ holder: String) -> (Machine.CheckOutDecision, Machine.Actions) {
        let (decision, actions) = machine.checkOut(holder: holder, now: now)
        if case .queued(let id) = decision, let early = machine.attach(holder, to: id) {
            switch early {
            case .success(let assignment): return (.leased(assignment), actions)
            case .failure(let error): return (.failed(error), actions)
            }
        }
        return (decision, actions)
    }

    /// Checks out expecting an immediate lease.
    mutating func lease(_ holder: String) -> PoolAssignment<Int>? {
        if case .leased(let assignment) = checkOut(holder).0 { return assignment }
        return nil
    }

    mutating func establish(_ slots: [Int]) -> Machine.Actions {
        var all = Machine.Actions()
        for slot in slots {
            let actions = machine.connectionEstablished(
                slot: slot, connection: Self.connection(forSlot: slot), backendPID: Int32(slot), now: now)
            all.merge(actions)
        }
        return all
    }

    /// Opens connections for every connect in `actions`, repeatedly, until none is asked for.
    @discardableResult
    mutating func establishAll(_ actions: Machine.Actions) -> Machine.Actions {
        var pending = actions.connect
        var all = Machine.Actions()
        all.close = actions.close
        all.resume = actions.resume
        while !pending.isEmpty {
            let next = establish(pending)
            all.merge(next)
            pending = next.connect
        }
        return all
    }

    mutating func checkIn(_ assignment: PoolAssignment<Int>, broken: Bool = false) -> Machine.Actions {
        let (decision, actions) = machine.checkIn(slot: assignment.slot, checkout: assignment.checkout, broken: broken, now: now)
        guard case .reset = decision else { return actions }
        var all = actions
        all.merge(machine.resetCompleted(slot: assignment.slot, succeeded: true, now: now))
        return all
    }

    mutating func closed(_ actions: Machine.Actions) -> Machine.Actions {
        var all = Machine.Actions()
        for (slot, _) in actions.close { all.merge(machine.connectionClosed(slot: slot, now: now)) }
        return all
    }

    mutating func advance(_ duration: Duration) -> Machine.Actions {
        now += duration
        return machine.tick(now: now)
    }

    func state(ofSlot slot: Int) -> SlotState? {
        machine.slots.first { $0.id == slot }?.state
    }

    func kind(ofSlot slot: Int) -> SlotKind? {
        machine.slots.first { $0.id == slot }?.kind
    }

    var events: [PoolEvent.Kind] { machine.events.events(after: 0).map(\.kind) }
}

extension PoolStateMachine.Actions {
    mutating func merge(_ other: Self) {
        resume += other.resume
        connect += other.connect
        close += other.close
        if let wake = other.wakeUp { wakeUp = Swift.min(wakeUp ?? wake, wake) }
    }

    /// The request labels resumed, in order.
    var resumedHolders: [Continuation] { resume.map(\.continuation) }
    var closedSlots: [Int] { close.map(\.slot) }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
    var successValue: Success? {
        if case .success(let value) = self { return value }
        return nil
    }
}

/// A configuration without reset on return, so check-ins complete in one step unless a test asks.
func config(
    poolSize: Int = 2, maxOverflow: Int = 0, timeout: Duration = .seconds(30), maxLifetime: Duration? = nil,
    idleTimeout: Duration? = nil, minimumIdle: Int = 0, prePing: Bool = false, idleOrder: IdleOrder = .fifo,
    reset: ResetMode = .none, leakThreshold: Duration? = nil, maxWaiters: Int? = nil
) -> PoolConfiguration {
    PoolConfiguration(
        poolSize: poolSize, maxOverflow: maxOverflow, checkoutTimeout: timeout, maxLifetime: maxLifetime,
        idleTimeout: idleTimeout, minimumIdle: minimumIdle, prePing: prePing, idleOrder: idleOrder,
        resetOnReturn: reset, leakThreshold: leakThreshold, maxWaiters: maxWaiters)
}
