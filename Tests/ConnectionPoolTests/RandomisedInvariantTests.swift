import ConnectionPoolTestUtils
import Testing
@testable import ConnectionPool

/// Drives the machine through random interleavings of every input and checks the invariants after each.
struct InvariantDriver {
    var h: MachineHarness
    var rng: SeededGenerator
    var pending: Set<String> = []
    var answered: Set<String> = []
    var held: [String: PoolAssignment<Int>] = [:]
    var connecting: [Int] = []
    var closing: [Int] = []
    var resetting: [Int] = []
    var nextRequest = 0
    /// Open connections allowed now: the limit, or more while a lowered limit is still draining.
    var allowedOpen: Int?
    var issues: [String] = []

    init(seed: UInt64) {
        rng = SeededGenerator(seed: seed)
        h = MachineHarness(config(poolSize: 2, maxOverflow: 1))
        h.machine.configuration.resetOnReturn = .rollback
        allowedOpen = h.machine.configuration.maxConnections
    }

    mutating func check(_ condition: Bool, _ message: String) {
        if !condition { issues.append(message) }
    }

    mutating func apply(_ actions: MachineHarness.Machine.Actions) {
        for (label, outcome) in actions.resume {
            check(pending.remove(label) != nil, "\(label) answered twice or never asked")
            answered.insert(label)
            if case .success(let lease) = outcome { receive(label, lease) }
        }
        connecting += actions.connect
        for (slot, connection) in actions.close {
            check(!held.values.contains { $0.connection == connection }, "closed \(connection) while held")
            closing.append(slot)
        }
    }

    mutating func receive(_ label: String, _ lease: PoolAssignment<Int>) {
        check(!held.values.contains { $0.connection == lease.connection }, "\(lease.connection) leased twice")
        held[label] = lease
    }

    mutating func checkOut() {
        nextRequest += 1
        let label = "r\(nextRequest)"
        pending.insert(label)
        let (decision, actions) = h.machine.checkOut(holder: label, now: h.now)
        settle(label, decision)
        apply(actions)
    }

    /// Books what a check-out got at once; a queued one attaches its continuation (its label).
    mutating func settle(_ label: String, _ decision: MachineHarness.Machine.CheckOutDecision) {
        var outcome: MachineHarness.Machine.Outcome?
        switch decision {
        case .leased(let lease): outcome = .success(lease)
        case .failed(let error): outcome = .failure(error)
        case .queued(let id): outcome = h.machine.attach(label, to: id)
        }
        guard let outcome else { return }
        pending.remove(label)
        answered.insert(label)
        if case .success(let lease) = outcome { receive(label, lease) }
    }

    mutating func checkIn(broken: Bool) {
        guard let label = held.keys.sorted().randomElement(using: &rng), let lease = held[label] else { return }
        if lease.needsPing { return ping(label, lease, succeeds: true) }
        held[label] = nil
        let (decision, actions) = h.machine.checkIn(slot: lease.slot, checkout: lease.checkout, broken: broken, now: h.now)
        if case .reset = decision { resetting.append(lease.slot) }
        apply(actions)
    }

    mutating func ping(_ label: String, _ lease: PoolAssignment<Int>, succeeds: Bool) {
        if succeeds {
            h.machine.prePingSucceeded(slot: lease.slot, checkout: lease.checkout, now: h.now)
            held[label]?.needsPing = false
            return
        }
        held[label] = nil
        pending.insert(label)
        answered.remove(label)
        let (decision, actions) = h.machine.prePingFailed(
            slot: lease.slot, checkout: lease.checkout, holder: label, requestedAt: lease.requestedAt, now: h.now)
        settle(label, decision)
        apply(actions)
    }

    mutating func takeRandom(_ path: WritableKeyPath<InvariantDriver, [Int]>) -> Int? {
        guard !self[keyPath: path].isEmpty else { return nil }
        let index = Int.random(in: 0..<self[keyPath: path].count, using: &rng)
        return self[keyPath: path].remove(at: index)
    }

    mutating func step() {
        switch Int.random(in: 0..<100, using: &rng) {
        case 0..<25: checkOut()
        case 25..<45: checkIn(broken: Int.random(in: 0..<10, using: &rng) == 0)
        case 45..<58:
            if let slot = takeRandom(\.connecting) {
                if Int.random(in: 0..<5, using: &rng) == 0 {
                    let next = h.machine.connectFailed(slot: slot, message: "refused", now: h.now); apply(next)
                } else {
                    let next = h.establish([slot]); apply(next)
                }
            }
        case 58..<66: if let slot = takeRandom(\.closing) { let next = h.machine.connectionClosed(slot: slot, now: h.now); apply(next) }
        case 66..<74:
            if let slot = takeRandom(\.resetting) {
                let next = h.machine.resetCompleted(slot: slot, succeeded: Int.random(in: 0..<10, using: &rng) > 0, now: h.now); apply(next)
            }
        case 74..<80:
            if let (label, lease) = held.filter({ $0.value.needsPing }).sorted(by: { $0.key < $1.key }).first {
                ping(label, lease, succeeds: Bool.random(using: &rng))
            }
        case 80..<90:
            h.now += .milliseconds(Int64.random(in: 0...3000, using: &rng))
            let next = h.machine.tick(now: h.now); apply(next)
        case 90..<95: reconfigure()
        default:
            if let label = pending.sorted().randomElement(using: &rng), let id = requestID(of: label) {
                let next = h.machine.cancel(id); apply(next)
            }
        }
        checkInvariants()
    }

    func requestID(of label: String) -> UInt64? {
        h.machine.waiters.entries.first { $0.value.continuation == label }?.key
    }

    mutating func reconfigure() {
        var c = h.machine.configuration
        c.poolSize = Int.random(in: 1...5, using: &rng)
        c.maxOverflow = Int.random(in: -1...3, using: &rng)
        c.checkoutTimeout = .seconds(Int64.random(in: 1...10, using: &rng))
        c.minimumIdle = Int.random(in: 0...3, using: &rng)
        c.prePing = Bool.random(using: &rng)
        c.idleOrder = Bool.random(using: &rng) ? .fifo : .lifo
        c.resetOnReturn = [.none, .rollback, .discardAll].randomElement(using: &rng)!
        c.maxLifetime = Bool.random(using: &rng) ? .seconds(Int64.random(in: 5...30, using: &rng)) : nil
        c.idleTimeout = Bool.random(using: &rng) ? .seconds(Int64.random(in: 2...20, using: &rng)) : nil
        c.leakThreshold = Bool.random(using: &rng) ? .seconds(3) : nil
        c.maxWaiters = Bool.random(using: &rng) ? Int.random(in: 1...8, using: &rng) : nil
        let before = h.machine.openCount
        let next = h.machine.reconfigure(c, now: h.now); apply(next)
        if let max = c.maxConnections { allowedOpen = Swift.max(max, before) } else { allowedOpen = nil }
    }

    mutating func checkInvariants() {
        let m = h.machine
        if let allowed = allowedOpen {
            check(m.openCount <= allowed, "open \(m.openCount) > allowed \(allowed)")
            // A lowered limit drains as connections close; it never lets the pool grow past the old count.
            allowedOpen = m.configuration.maxConnections.map { Swift.max($0, Swift.min(allowed, m.openCount)) }
        }
        let snapshot = h.machine.snapshot(now: h.now)
        issues += violations(snapshot)
    }

    /// Snapshot counts against the driver's own books; messages are built only for failures.
    func violations(_ snapshot: PoolSnapshot) -> [String] {
        var found: [String] = []
        func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
            if !condition { found.append(message()) }
        }
        let m = h.machine
        let leased = snapshot.slots.filter { $0.holder != nil }.count
        expect(leased == held.count, "snapshot shows \(leased) held, driver holds \(held.count)")
        expect(snapshot.slots.count == m.openCount, "slot count")
        expect(snapshot.count(.idle) == m.idleCount, "idle count")
        expect(snapshot.count(.connecting) == connecting.count, "connecting \(snapshot.count(.connecting)) vs \(connecting.count)")
        expect(snapshot.count(.closing) + snapshot.count(.broken) == closing.count, "closing count")
        expect(snapshot.waiters.count == pending.count, "waiters \(snapshot.waiters.count) vs pending \(pending.count)")
        if let max = m.configuration.maxConnections, m.openCount > max {
            expect(m.idleCount == 0, "\(m.idleCount) idle while \(m.openCount) open over the limit of \(max)")
        }
        let live = m.slots.filter { !$0.isClosing }.count
        expect(m.coreCount == Swift.min(live, m.configuration.poolSize), "core \(m.coreCount) live \(live)")
        for (_, lease) in held {
            let slot = m.slots.first { $0.id == lease.slot }
            expect(slot?.holding(lease.checkout) != nil, "held lease \(lease.slot) not in use in the machine")
        }
        return found
    }

    /// Ends all work: returns every lease, finishes every connect, close and reset, lets time pass.
    mutating func drain() {
        var rounds = 0
        while rounds < 10_000, !(pending.isEmpty && held.isEmpty && connecting.isEmpty && closing.isEmpty && resetting.isEmpty) {
            rounds += 1
            for (label, lease) in held where lease.needsPing { ping(label, lease, succeeds: true) }
            while !held.isEmpty { checkIn(broken: false) }
            while let slot = resetting.popLast() { let next = h.machine.resetCompleted(slot: slot, succeeded: true, now: h.now); apply(next) }
            while let slot = connecting.popLast() { let next = h.establish([slot]); apply(next) }
            while let slot = closing.popLast() { let next = h.machine.connectionClosed(slot: slot, now: h.now); apply(next) }
            h.now += .seconds(1)
            let next = h.machine.tick(now: h.now); apply(next)
            checkInvariants()
        }
        check(pending.isEmpty, "unanswered check-outs: \(pending.sorted())")
        check(h.machine.inUseCount == 0 && h.machine.checkingCount == 0, "still in use after all work ended")
        check(h.machine.snapshot(now: h.now).inUse == 0, "snapshot shows connections in use")
    }
}

@Suite("State machine: randomised interleavings keep the invariants")
struct RandomisedInvariantTests {
    @Test(arguments: Array(UInt64(1)...UInt64(40)))
    func invariantsHold(seed: UInt64) {
        var driver = InvariantDriver(seed: seed)
        for _ in 0..<1_500 { driver.step() }
        driver.drain()
        #expect(driver.issues.isEmpty, "seed \(seed): \(driver.issues.prefix(5))")
        #expect(driver.answered.count == driver.nextRequest, "seed \(seed): every check-out answered")
        let counters = driver.h.machine.counters
        #expect(counters.checkouts > 20 && counters.timeouts > 0 && counters.connectFailures > 0, "seed \(seed): \(counters)")
    }
}
