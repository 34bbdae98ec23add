import Testing
@testable import ConnectionPool

/// Every pool knob changed while the pool runs takes effect at once: the timer is re-armed for the new
/// deadlines, and the next check-out, check-in or connect follows the new value.
@Suite("State machine: every knob takes effect at runtime")
struct RuntimeKnobRulesTests {
    func leaseMany(_ h: inout MachineHarness, _ count: Int) -> [PoolAssignment<Int>] {
        SlotRulesTests().leaseMany(&h, count)
    }

    /// `count` idle connections returned at `h.now`.
    func idleConnections(_ h: inout MachineHarness, _ count: Int) {
        for lease in leaseMany(&h, count) { _ = h.checkIn(lease) }
    }

    func change(_ h: inout MachineHarness, _ knob: PoolKnob, _ text: String) throws -> MachineHarness.Machine.Actions {
        var new = h.machine.configuration
        try knob.apply(text, to: &new)
        return h.machine.reconfigure(new, now: h.now)
    }

    @Test func idleTimeoutShortenedClosesConnectionsAlreadyPastItAtOnce() throws {
        var h = MachineHarness(config(poolSize: 3))
        idleConnections(&h, 3)
        _ = h.advance(.seconds(5))
        let actions = try change(&h, .idleTimeout, "1s")
        #expect(actions.wakeUp == h.now, "the timer must wake now, not at the old deadline")
        let tick = h.machine.tick(now: h.now)
        #expect(tick.closedSlots.count == 3)
        #expect(h.machine.counters.closes(.idle) == 3)
    }

    @Test func idleTimeoutNotYetReachedIsScheduledFromTheLastUse() throws {
        var h = MachineHarness(config(poolSize: 2))
        idleConnections(&h, 2)
        let returnedAt = h.now
        _ = h.advance(.seconds(2))
        _ = try change(&h, .idleTimeout, "10s")
        #expect(h.machine.tick(now: h.now).close.isEmpty)
        #expect(h.machine.wakeUpAt == returnedAt + .seconds(10))
    }

    @Test func minimumIdleKeepsConnectionsAgainstIdleTimeoutAndGrowsTheWarmSet() throws {
        var h = MachineHarness(config(poolSize: 4, idleTimeout: .seconds(1), minimumIdle: 2))
        h.establishAll(try change(&h, .minIdle, "3"))
        #expect(h.machine.idleCount == 3, "raising min_idle opens connections with no demand")
        _ = h.closed(try change(&h, .minIdle, "0"))
        let tick = h.advance(.seconds(2))
        #expect(tick.closedSlots.count == 3, "min_idle 0 lets idle_timeout close every idle connection")
    }

    @Test func recycleShortenedClosesOldIdleConnections() throws {
        var h = MachineHarness(config(poolSize: 2))
        idleConnections(&h, 2)
        _ = h.advance(.seconds(10))
        let actions = try change(&h, .maxLifetime, "5s")
        #expect(actions.wakeUp == h.now || h.machine.wakeUpAt == h.now)
        #expect(h.machine.tick(now: h.now).closedSlots.count == 2)
        #expect(h.machine.counters.closes(.recycled) == 2)
    }

    @Test func recycleShortenedClosesBusyConnectionsAtCheckIn() throws {
        var h = MachineHarness(config(poolSize: 1))
        let lease = leaseMany(&h, 1)[0]
        h.now += .seconds(10)
        _ = try change(&h, .maxLifetime, "5s")
        #expect(h.checkIn(lease).closedSlots == [lease.slot])
    }

    @Test func leakThresholdLoweredWarnsAboutAConnectionAlreadyHeldTooLong() throws {
        var h = MachineHarness(config(poolSize: 1))
        _ = leaseMany(&h, 1)
        _ = h.advance(.seconds(3))
        _ = try change(&h, .leakThreshold, "2s")
        _ = h.machine.tick(now: h.now)
        #expect(h.machine.counters.leakWarnings == 1)
        #expect(h.events.contains { if case .leakSuspected(_, "h0", _) = $0 { true } else { false } })
    }

    @Test func maxWaitersLoweredTurnsAwayTheNewestWaitersOverIt() throws {
        var h = MachineHarness(config(poolSize: 1))
        let held = leaseMany(&h, 1)[0]
        for index in 1...10 { _ = h.checkOut("w\(index)") }
        let actions = try change(&h, .maxWaiters, "2")
        let turnedAway = actions.resume.compactMap { resumed -> String? in
            if case .failure(.tooManyWaiters(limit: 2)) = resumed.outcome { resumed.continuation } else { nil }
        }
        #expect(turnedAway.count == actions.resume.count, "only the turned-away waiters are resumed")
        #expect(Set(turnedAway) == Set((3...10).map { "w\($0)" }), "the newest go, the oldest keep their place")
        #expect(h.machine.waiters.count == 2)
        #expect(h.machine.counters.rejected == 8)
        #expect(h.events.filter { $0 == .warning(message: "max_waiters lowered to 2: 8 waiters turned away") }.count == 1)
        guard case .failed(.tooManyWaiters(limit: 2)) = h.checkOut("w11").0 else {
            Issue.record("a check-out beyond the new limit was not refused")
            return
        }
        #expect(h.machine.counters.rejected == 9, "a newcomer over the limit counts the same way")
        // The oldest waiter is still the next one served.
        let served = h.checkIn(held).resume.map(\.continuation)
        #expect(served == ["w1"])
    }

    @Test func maxWaitersRaisedOrUnchangedTurnsNobodyAway() throws {
        var h = MachineHarness(config(poolSize: 1, maxWaiters: 4))
        _ = leaseMany(&h, 1)
        for index in 1...4 { _ = h.checkOut("w\(index)") }
        #expect(try change(&h, .maxWaiters, "8").resume.isEmpty)
        #expect(try change(&h, .timeout, "20s").resume.isEmpty)
        #expect(try change(&h, .maxWaiters, "4").resume.isEmpty, "a limit equal to the queue leaves it whole")
        #expect(h.machine.waiters.count == 4)
        #expect(h.machine.counters.rejected == 0)
        #expect(!h.events.contains { if case .warning = $0 { true } else { false } })
    }

    @Test func prePingSwitchedOnPingsTheNextCheckOutAndOffStopsIt() throws {
        var h = MachineHarness(config(poolSize: 1))
        idleConnections(&h, 1)
        _ = try change(&h, .prePing, "on")
        let lease = h.lease("a")
        let pinged = try #require(lease)
        #expect(pinged.needsPing)
        h.machine.prePingSucceeded(slot: pinged.slot, checkout: pinged.checkout, now: h.now)
        _ = h.checkIn(pinged)
        _ = try change(&h, .prePing, "off")
        #expect(h.lease("b")?.needsPing == false)
    }

    @Test("idle_order switched changes which idle connection is handed out", arguments: [IdleOrder.lifo, .fifo])
    func idleOrderSwitched(to order: IdleOrder) throws {
        let opposite: IdleOrder = order == .lifo ? .fifo : .lifo
        var h = MachineHarness(config(poolSize: 2, idleOrder: opposite))
        let leases = leaseMany(&h, 2)
        _ = h.checkIn(leases[0])
        _ = h.checkIn(leases[1])
        _ = try change(&h, .idleOrder, order.rawValue)
        let expected = order == .lifo ? leases[1].slot : leases[0].slot
        #expect(h.lease("x")?.slot == expected)
    }

    @Test func resetOnReturnSwitchedAppliesToTheNextCheckIn() throws {
        var h = MachineHarness(config(poolSize: 1, reset: .none))
        let first = leaseMany(&h, 1)[0]
        _ = try change(&h, .reset, "discard-all")
        let (decision, _) = h.machine.checkIn(slot: first.slot, checkout: first.checkout, broken: false, now: h.now)
        guard case .reset(_, let mode) = decision else {
            Issue.record("check-in did not reset after reset was switched on")
            return
        }
        #expect(mode == .discardAll)
    }

    @Test func connectRetryChangedMovesTheBackOffInProgress() throws {
        var h = MachineHarness(config(poolSize: 1))
        let (_, actions) = h.checkOut("w1")
        let slot = try #require(actions.connect.first)
        _ = h.machine.connectFailed(slot: slot, message: "refused", now: h.now)
        let failedAt = h.now
        #expect(h.machine.connectAllowedAt == failedAt + Backoff().delay(afterFailures: 1))
        let changed = try change(&h, .connectRetry, "5s..1m")
        #expect(h.machine.connectAllowedAt == failedAt + .seconds(5))
        #expect(changed.connect.isEmpty, "no connect before the new back-off")
        #expect(h.machine.tick(now: h.now).connect.isEmpty)
        #expect(h.machine.wakeUpAt == failedAt + .seconds(5), "the timer sleeps until the new back-off ends")
        _ = try change(&h, .connectRetry, "10ms..1s")
        h.now += .milliseconds(20)
        #expect(h.machine.tick(now: h.now).connect.count == 1, "a shorter back-off lets the retry start sooner")
    }
}
