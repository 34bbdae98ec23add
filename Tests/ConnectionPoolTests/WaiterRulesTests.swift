import Testing
@testable import ConnectionPool

@Suite("State machine: check-outs and the FIFO queue")
struct WaiterRulesTests {
    @Test func firstCheckOutQueuesAndOpensAConnectionThatServesIt() {
        var h = MachineHarness(config(poolSize: 2))
        let (decision, actions) = h.checkOut("a")
        guard case .queued = decision else { Issue.record("expected queued, got \(decision)"); return }
        #expect(actions.connect == [1])
        let served = h.establish([1])
        #expect(served.resumedHolders == ["a"])
        #expect(served.resume.first?.outcome.successValue?.connection == 100)
        #expect(h.state(ofSlot: 1) == .inUse)
    }

    @Test func idleConnectionIsLeasedAtOnceWhenNobodyWaits() {
        var h = MachineHarness(config(poolSize: 1))
        h.establishAll(h.checkOut("a").1)
        guard case .inUse(_, let first) = h.machine.slots[0].phase else { Issue.record("slot 1 not in use"); return }
        _ = h.checkIn(PoolAssignment(connection: 100, slot: 1, checkout: first.checkout, requestedAt: .zero, waited: .zero, needsPing: false))
        #expect(h.state(ofSlot: 1) == .idle)
        let lease = h.lease("b")
        #expect(lease?.slot == 1)
        #expect(h.machine.slots[0].snapshot(now: h.now).holder == "b")
        #expect(h.machine.counters.checkouts == 2)
    }

    @Test func checkedInConnectionGoesToTheOldestWaiterNeverANewcomer() throws {
        var h = MachineHarness(config(poolSize: 1))
        let served = h.establishAll(h.checkOut("holder").1)
        let lease = try #require(served.resume.first?.outcome.successValue)
        _ = h.checkOut("w1")
        _ = h.checkOut("w2")
        let handOff = h.checkIn(lease)
        #expect(handOff.resumedHolders == ["w1"])
        // A newcomer queues behind w2 even though a check-in is about to happen.
        let (late, _) = h.checkOut("late")
        guard case .queued = late else { Issue.record("newcomer barged: \(late)"); return }
        let second = try #require(handOff.resume.first?.outcome.successValue)
        #expect(h.checkIn(second).resumedHolders == ["w2"])
        #expect(h.machine.waiters.count == 1)
    }

    @Test func requestServedBeforeItsContinuationIsAttachedGetsTheOutcomeAtAttach() {
        var h = MachineHarness(config(poolSize: 1))
        let (decision, actions) = h.machine.checkOut(holder: "a", now: .zero)
        guard case .queued(let id) = decision else { Issue.record("expected queued"); return }
        let served = h.establish(actions.connect)
        #expect(served.resume.isEmpty)
        let outcome = h.machine.attach("a", to: id)
        #expect(outcome?.successValue?.slot == 1)
    }

    @Test func cancelledWaiterLeavesTheQueueAndTheNextOneIsServed() throws {
        var h = MachineHarness(config(poolSize: 1))
        let opened = h.establishAll(h.checkOut("holder").1)
        let lease = try #require(opened.resume.first?.outcome.successValue)
        let (first, _) = h.machine.checkOut(holder: "w1", now: h.now)
        guard case .queued(let id) = first else { Issue.record("expected queued"); return }
        _ = h.machine.attach("w1", to: id)
        _ = h.checkOut("w2")
        let cancelled = h.machine.cancel(id)
        #expect(cancelled.resumedHolders == ["w1"])
        #expect(cancelled.resume.first?.outcome.failureValue == .cancelled)
        #expect(h.checkIn(lease).resumedHolders == ["w2"])
    }

    @Test func waiterTimesOutWithTheLimitsInForce() {
        var h = MachineHarness(config(poolSize: 1, timeout: .seconds(30)))
        let opened = h.establishAll(h.checkOut("holder").1)
        #expect(opened.resume.count == 1)
        _ = h.checkOut("w1")
        #expect(h.machine.wakeUpAt == .seconds(30))
        #expect(h.advance(.seconds(29)).resume.isEmpty)
        let expired = h.advance(.seconds(1))
        let limits = "pool_size 1, max_overflow 0, timeout 30s: 1 in use, 1 waiting"
        #expect(expired.resume.first?.outcome.failureValue == .timeout(waited: .seconds(30), limits: limits))
        #expect(h.machine.counters.timeouts == 1)
        #expect(h.events.contains(.checkoutTimedOut(holder: "w1", waited: .seconds(30), limits: limits)))
    }

    @Test func timeoutTextNamesTheLastConnectError() {
        var h = MachineHarness(config(poolSize: 1, timeout: .seconds(5)))
        let (_, actions) = h.checkOut("w1")
        _ = h.machine.connectFailed(slot: actions.connect[0], message: "connection refused", now: h.now)
        let expired = h.advance(.seconds(5))
        guard case .timeout(_, let limits)? = expired.resume.first?.outcome.failureValue else {
            Issue.record("expected a timeout, got \(expired.resume)")
            return
        }
        #expect(limits == "pool_size 1, max_overflow 0, timeout 5s: 0 in use, 1 waiting; last connect error: connection refused")
    }

    @Test func checkOutBeyondMaxWaitersFailsAtOnce() {
        var h = MachineHarness(config(poolSize: 1, maxWaiters: 2))
        _ = h.checkOut("w1")
        _ = h.checkOut("w2")
        let (third, _) = h.checkOut("w3")
        guard case .failed(.tooManyWaiters(limit: 2)) = third else { Issue.record("got \(third)"); return }
        #expect(h.machine.counters.rejected == 1)
        #expect(h.machine.waiters.count == 2)
    }

    @Test func failedPrePingClosesTheSlotAndRequeuesTheRequestAtTheFront() throws {
        var h = MachineHarness(config(poolSize: 2, prePing: true))
        let served = h.establishAll(h.checkOut("a").1)
        let a = try #require(served.resume.first?.outcome.successValue)
        #expect(a.needsPing)
        #expect(h.state(ofSlot: 1) == .checking)
        h.machine.prePingSucceeded(slot: a.slot, checkout: a.checkout, now: h.now)
        #expect(h.state(ofSlot: 1) == .inUse)
        _ = h.checkIn(a)

        let leasedB = h.lease("b")
        let b = try #require(leasedB)
        _ = h.checkOut("c")  // queued behind b's original place
        let (retry, actions) = h.machine.prePingFailed(
            slot: b.slot, checkout: b.checkout, holder: "b", requestedAt: b.requestedAt, now: h.now)
        #expect(actions.closedSlots == [1])
        #expect(h.machine.counters.prePingFailures == 1)
        #expect(h.machine.counters.closes(.broken) == 1)
        guard case .queued(let id) = retry else { Issue.record("expected queued, got \(retry)"); return }
        _ = h.machine.attach("b", to: id)
        // c's connect is in flight; the closing slot still counts against the limit of 2.
        let connects = h.machine.slots.filter { $0.state == .connecting }.map(\.id)
        #expect(connects.count == 1)
        let next = h.establish(connects)
        #expect(next.resumedHolders == ["b"])
    }
}
