import Testing
@testable import ConnectionPool

@Suite("State machine: slots, overflow, recycling and connect failures")
struct SlotRulesTests {
    /// Leases `count` connections, opening them as needed.
    func leaseMany(_ h: inout MachineHarness, _ count: Int) -> [PoolAssignment<Int>] {
        var leases: [PoolAssignment<Int>] = []
        for i in 0..<count {
            let (decision, actions) = h.checkOut("h\(i)")
            if case .leased(let lease) = decision { leases.append(lease) }
            leases += h.establishAll(actions).resume.compactMap(\.outcome.successValue)
        }
        return leases
    }

    @Test func slotsOpenedBeyondPoolSizeAreOverflow() {
        var h = MachineHarness(config(poolSize: 1, maxOverflow: 2))
        let leases = leaseMany(&h, 3)
        #expect(leases.map(\.slot) == [1, 2, 3])
        #expect([1, 2, 3].map { h.kind(ofSlot: $0) } == [.core, .overflow, .overflow])
        let (fourth, actions) = h.checkOut("h4")
        guard case .queued = fourth else { Issue.record("limit exceeded: \(fourth)"); return }
        #expect(actions.connect.isEmpty)
    }

    @Test func connectionReturnedWhilePoolSizeAreIdleIsClosedAsOverflow() {
        var h = MachineHarness(config(poolSize: 1, maxOverflow: 1))
        let leases = leaseMany(&h, 2)
        #expect(h.checkIn(leases[0]).close.isEmpty)
        let second = h.checkIn(leases[1])
        #expect(second.closedSlots == [2])
        #expect(h.machine.counters.closes(.overflowReturned) == 1)
        #expect(h.events.contains(.slotChanged(slot: 2, from: .inUse, to: .closing, reason: .overflowReturned)))
    }

    @Test func closingACoreSlotPromotesTheOldestOverflowSlot() {
        var h = MachineHarness(config(poolSize: 1, maxOverflow: 2))
        let leases = leaseMany(&h, 3)
        _ = h.checkIn(leases[0], broken: true)
        #expect(h.kind(ofSlot: 2) == .core)
        #expect(h.kind(ofSlot: 3) == .overflow)
        #expect(h.machine.coreCount == 1)
    }

    @Test func brokenCheckInIsClosedAndReplacedForAWaiter() {
        var h = MachineHarness(config(poolSize: 1))
        let lease = leaseMany(&h, 1)[0]
        _ = h.checkOut("waiter")
        let actions = h.checkIn(lease, broken: true)
        #expect(actions.closedSlots == [1])
        #expect(actions.connect.isEmpty)  // the closing slot still counts
        let reopened = h.closed(actions)
        #expect(reopened.connect == [2])
        #expect(h.establish([2]).resumedHolders == ["waiter"])
    }

    @Test func aConnectionFoundLostShowsBrokenUntilItsCloseCompletes() {
        var h = MachineHarness(config(poolSize: 2))
        let leases = leaseMany(&h, 2)
        let lost = h.checkIn(leases[0], broken: true)
        _ = h.checkIn(leases[1])
        #expect(h.state(ofSlot: 1) == .broken)
        #expect(h.state(ofSlot: 2) == .idle)
        #expect(h.events.contains(.slotChanged(slot: 1, from: .inUse, to: .broken, reason: .broken)))
        _ = h.closed(lost)
        #expect(h.state(ofSlot: 1) == nil)
        #expect(h.events.last == .slotChanged(slot: 1, from: .broken, to: nil, reason: nil))
    }

    @Test func failedResetClosesTheConnectionAsBroken() {
        var h = MachineHarness(config(poolSize: 1, reset: .discardAll))
        let lease = leaseMany(&h, 1)[0]
        let (decision, _) = h.machine.checkIn(slot: lease.slot, checkout: lease.checkout, broken: false, now: h.now)
        guard case .reset(100, .discardAll) = decision else { Issue.record("got \(decision)"); return }
        #expect(h.state(ofSlot: 1) == .checking)
        let actions = h.machine.resetCompleted(slot: 1, succeeded: false, now: h.now)
        #expect(actions.closedSlots == [1])
        #expect(h.machine.counters.closes(.broken) == 1)
    }

    @Test func staleOrRepeatedCheckInIsIgnored() {
        var h = MachineHarness(config(poolSize: 1))
        let lease = leaseMany(&h, 1)[0]
        _ = h.checkIn(lease)
        let again = h.machine.checkIn(slot: lease.slot, checkout: lease.checkout, broken: false, now: h.now)
        guard case .ignored = again.0 else { Issue.record("got \(again.0)"); return }
        #expect(h.machine.counters.checkins == 1)
    }

    @Test func connectionPastItsLifetimeIsClosedAtCheckInAndIdleOnesOnTheTimer() {
        var h = MachineHarness(config(poolSize: 2, maxLifetime: .seconds(60)))
        let leases = leaseMany(&h, 2)
        _ = h.checkIn(leases[0])
        let tick = h.advance(.seconds(60))
        #expect(tick.closedSlots == [1])
        let atCheckIn = h.checkIn(leases[1])
        #expect(atCheckIn.closedSlots == [2])
        #expect(h.machine.counters.closes(.recycled) == 2)
    }

    @Test func idleTimeoutClosesIdleConnectionsDownToMinimumIdle() {
        var h = MachineHarness(config(poolSize: 3, idleTimeout: .seconds(10), minimumIdle: 1))
        let leases = leaseMany(&h, 3)
        for lease in leases { _ = h.checkIn(lease) }
        let tick = h.advance(.seconds(10))
        #expect(tick.closedSlots == [1, 2])
        #expect(h.machine.counters.closes(.idle) == 2)
        #expect(h.state(ofSlot: 3) == .idle)
    }

    @Test func minimumIdleIsRefilled() {
        var h = MachineHarness(config(poolSize: 3, minimumIdle: 2))
        let start = h.machine.reconfigure(h.machine.configuration, now: h.now)
        #expect(start.connect == [1, 2])
        _ = h.establish([1, 2])
        #expect(h.machine.idleCount == 2)
        let lease = h.lease("a")
        #expect(lease != nil)
        #expect(h.machine.slots.map(\.state) == [.inUse, .idle, .connecting])
    }

    @Test func failedConnectBacksOffThenProbesWithOneAttempt() {
        var h = MachineHarness(config(poolSize: 3))
        _ = h.checkOut("w1")
        _ = h.checkOut("w2")
        #expect(h.machine.connectingCount == 2)
        let first = h.machine.connectFailed(slot: 1, message: "refused", now: h.now)
        #expect(first.connect.isEmpty)
        #expect(first.wakeUp == .milliseconds(100))
        #expect(h.events.contains(.connectFailed(message: "refused", retryIn: .milliseconds(100))))
        h.now += .milliseconds(10)
        // Started before the first failure was known: no news, the back-off stays.
        _ = h.machine.connectFailed(slot: 2, message: "refused", now: h.now)
        #expect(h.events.filter { $0 == .connectFailed(message: "refused", retryIn: .milliseconds(100)) }.count == 2)
        let probe = h.advance(.milliseconds(100))
        #expect(probe.connect == [3])  // one probe while failing
        _ = h.machine.connectFailed(slot: 3, message: "refused", now: h.now)
        #expect(h.events.last == .connectFailed(message: "refused", retryIn: .milliseconds(200)))  // the probe's failure is news
        #expect(h.advance(.milliseconds(199)).connect.isEmpty)
        let second = h.advance(.milliseconds(1))
        #expect(second.connect == [4])
        let served = h.establish([4])
        #expect(served.resumedHolders == ["w1"])
        #expect(served.connect == [5])  // success: the rest open at once
        #expect(h.machine.counters.connectFailures == 3)
    }

    @Test func idleOrderChoosesTheLeastOrMostRecentlyReturned() {
        for (order, expected) in [(IdleOrder.fifo, 1), (.lifo, 2)] {
            var h = MachineHarness(config(poolSize: 2, idleOrder: order))
            let leases = leaseMany(&h, 2)
            _ = h.checkIn(leases[0])
            _ = h.checkIn(leases[1])
            #expect(h.lease("next")?.slot == expected, "\(order)")
        }
    }

    @Test func leakWarningNamesTheHolderOncePerCheckOut() {
        var h = MachineHarness(config(poolSize: 1, leakThreshold: .seconds(5)))
        let (decision, actions) = h.checkOut("leaky")
        _ = decision
        let served = h.establishAll(actions)
        #expect(served.resume.count == 1)
        #expect(h.machine.wakeUpAt == .seconds(5))
        _ = h.advance(.seconds(5))
        _ = h.advance(.seconds(5))
        let warnings = h.events.filter { if case .leakSuspected = $0 { true } else { false } }
        #expect(warnings == [.leakSuspected(slot: 1, holder: "leaky", heldFor: .seconds(5))])
        #expect(h.machine.counters.leakWarnings == 1)
    }
}

@Suite("State machine: more slot rules")
struct MoreSlotRulesTests {
    @Test func unlimitedOverflowOpensAConnectionPerConcurrentCheckOut() {
        var h = MachineHarness(config(poolSize: 2, maxOverflow: -1))
        let leases = SlotRulesTests().leaseMany(&h, 20)
        #expect(leases.count == 20)
        #expect(h.machine.slots.filter { $0.kind == .overflow }.count == 18)
    }

    @Test func everySlotStateChangeIsAnEvent() {
        var h = MachineHarness(config(poolSize: 1, reset: .rollback))
        let lease = SlotRulesTests().leaseMany(&h, 1)[0]
        _ = h.checkIn(lease)
        let changes = h.events.compactMap { kind -> String? in
            guard case .slotChanged(_, let from, let to, _) = kind else { return nil }
            return "\(from?.rawValue ?? "-")→\(to?.rawValue ?? "-")"
        }
        #expect(changes == ["-→connecting", "connecting→in-use", "in-use→checking", "checking→idle"])
    }

    @Test func idleConnectionKeptForMinimumIdleClosesOnceAnotherIdles() {
        var h = MachineHarness(config(poolSize: 2, idleTimeout: .seconds(10), minimumIdle: 1))
        let leases = SlotRulesTests().leaseMany(&h, 2)
        _ = h.checkIn(leases[0])
        #expect(h.advance(.seconds(10)).close.isEmpty)  // the only idle one is kept
        let returned = h.checkIn(leases[1])
        #expect(returned.wakeUp == h.now)  // the old idle one may go now
        #expect(h.machine.tick(now: h.now).closedSlots == [1])
    }
}
