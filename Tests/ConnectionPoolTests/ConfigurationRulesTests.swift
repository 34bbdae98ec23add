import Testing
@testable import ConnectionPool

@Suite("State machine: live reconfiguration, shutdown, timers and snapshots")
struct ConfigurationRulesTests {
    func leaseMany(_ h: inout MachineHarness, _ count: Int) -> [PoolAssignment<Int>] {
        SlotRulesTests().leaseMany(&h, count)
    }

    @Test func shrinkingClosesIdleConnectionsNowAndBusyOnesAtCheckIn() {
        var h = MachineHarness(config(poolSize: 4))
        let leases = leaseMany(&h, 4)
        _ = h.checkIn(leases[0])
        _ = h.checkIn(leases[1])
        var smaller = h.machine.configuration
        smaller.poolSize = 1
        let actions = h.machine.reconfigure(smaller, now: h.now)
        #expect(actions.closedSlots == [1, 2])
        #expect(h.machine.counters.closes(.shrunk) == 2)
        _ = h.closed(actions)
        let third = h.checkIn(leases[2])
        #expect(third.closedSlots == [3])
        #expect(h.machine.counters.closes(.shrunk) == 3)
        _ = h.closed(third)
        #expect(h.checkIn(leases[3]).close.isEmpty)  // now within the limit of 1
        #expect(h.machine.idleCount == 1)
    }

    @Test func growingServesWaitersAtOnce() {
        var h = MachineHarness(config(poolSize: 1))
        _ = leaseMany(&h, 1)
        _ = h.checkOut("w1")
        _ = h.checkOut("w2")
        var bigger = h.machine.configuration
        bigger.poolSize = 3
        let actions = h.machine.reconfigure(bigger, now: h.now)
        #expect(actions.connect == [2, 3])
        #expect(h.establish(actions.connect).resumedHolders == ["w1", "w2"])
    }

    @Test func eachChangedKnobIsOneEventAndThePresetBecomesCustom() {
        var h = MachineHarness(.sqlalchemy)
        var changed = h.machine.configuration
        changed.poolSize = 6
        changed.checkoutTimeout = .seconds(10)
        _ = h.machine.reconfigure(changed, now: h.now)
        #expect(h.events == [
            .configurationChanged(description: "preset sqlalchemy → custom"),
            .configurationChanged(description: "pool_size 5 → 6"),
            .configurationChanged(description: "timeout 30s → 10s"),
        ])
        #expect(h.machine.configuration.presetName == "custom")
    }

    @Test func queuedWaitersTakeANewTimeoutCountedFromTheirArrival() {
        var h = MachineHarness(config(poolSize: 1, timeout: .seconds(30)))
        _ = leaseMany(&h, 1)
        _ = h.checkOut("w1")
        h.now += .seconds(10)
        var shorter = h.machine.configuration
        shorter.checkoutTimeout = .seconds(5)
        let actions = h.machine.reconfigure(shorter, now: h.now)
        #expect(actions.wakeUp == h.now)
        let expired = h.machine.tick(now: h.now)
        #expect(expired.resume.first?.outcome.failureValue != nil)
    }

    @Test func shutdownFailsWaitersClosesIdleAndBusyAtCheckIn() {
        var h = MachineHarness(config(poolSize: 2))
        let leases = leaseMany(&h, 2)
        _ = h.checkOut("w1")
        let actions = h.machine.shutdown(now: h.now)
        #expect(actions.resume.first?.outcome.failureValue == .shutdown)
        #expect(actions.close.isEmpty)
        #expect(h.checkIn(leases[0]).closedSlots == [1])
        #expect(h.machine.counters.closes(.shutdown) == 1)
        guard case .failed(.shutdown) = h.checkOut("late").0 else { Issue.record("accepted after shutdown"); return }

        var idle = MachineHarness(config(poolSize: 1))
        _ = idle.checkIn(leaseMany(&idle, 1)[0])
        #expect(idle.machine.shutdown(now: idle.now).closedSlots == [1])
    }

    @Test func timerIsWokenOnlyForAnEarlierDeadline() {
        var h = MachineHarness(config(poolSize: 1, timeout: .seconds(30)))
        _ = leaseMany(&h, 1)
        _ = h.advance(.seconds(1))  // nothing due: the timer sleeps without a deadline
        #expect(h.machine.wakeUpAt == nil)
        #expect(h.checkOut("w1").1.wakeUp == .seconds(31))
        h.now += .seconds(1)
        #expect(h.checkOut("w2").1.wakeUp == nil)  // later than the one already set
        _ = h.advance(.seconds(29))
        #expect(h.machine.wakeUpAt == .seconds(32))
    }

    @Test func eventRingKeepsTheNewestAndSequencesNeverRepeat() {
        var log = EventLog(capacity: 4)
        for i in 1...6 { log.append(at: .seconds(i), .warning(message: "\(i)")) }
        #expect(log.events(after: 0).map(\.sequence) == [3, 4, 5, 6])
        #expect(log.events(after: 4).map(\.sequence) == [5, 6])
        #expect(log.events(after: 6).isEmpty)
    }

    @Test func notableEventsOutliveARingFullOfCheckOutsAndCheckIns() {
        var log = EventLog(capacity: 4)
        log.append(at: .zero, .slotChanged(slot: 1, from: nil, to: .connecting, reason: nil))
        for i in 1...20 { log.append(at: .seconds(i), .slotChanged(slot: 1, from: i.isMultiple(of: 2) ? .inUse : .idle, to: i.isMultiple(of: 2) ? .idle : .inUse, reason: nil)) }
        log.append(at: .seconds(21), .configurationChanged(description: "pool_size 5 → 6"))
        for i in 22...30 { log.append(at: .seconds(i), .slotChanged(slot: 1, from: .idle, to: .inUse, reason: nil)) }
        #expect(log.events(after: 0).count == 4)
        #expect(log.notableEvents(after: 0).map(\.sequence) == [1, 22])
        #expect(log.notableEvents(after: 1).map(\.sequence) == [22])
        #expect(log.notableEvents(after: 22).isEmpty)
        for i in 1...6 { log.append(at: .seconds(40 + i), .warning(message: "\(i)")) }
        #expect(log.notableEvents(after: 0).count == 4, "the notable ring is bounded too")
    }

    @Test func snapshotShowsSlotsWaitersAndLatencies() {
        var h = MachineHarness(config(poolSize: 2))
        let leases = leaseMany(&h, 2)
        h.now += .seconds(2)
        h.machine.reportActivity(slot: leases[0].slot, checkout: leases[0].checkout, query: "SELECT 1", now: h.now)
        _ = h.checkOut("waiting")
        h.now += .seconds(1)
        let snapshot = h.machine.snapshot(now: h.now)
        #expect(snapshot.inUse == 2)
        #expect(snapshot.slots[0].holder == "h0")
        #expect(snapshot.slots[0].heldFor == .seconds(3))
        #expect(snapshot.slots[0].query == "SELECT 1")
        #expect(snapshot.slots[0].queryFor == .seconds(1))
        #expect(snapshot.slots[0].backendPID == 1)
        #expect(snapshot.waiters.count == 1)
        #expect(snapshot.waiters.oldest == [Waiter(holder: "waiting", waited: .seconds(1))])
        #expect(snapshot.waitTime.count == 2)
        #expect(snapshot.connectTime.count == 2)
        #expect(snapshot.lastEventSequence == h.machine.events.lastSequence)
    }

    @Test func latencySummaryReportsPercentiles() {
        var recorder = LatencyRecorder()
        for ms in 1...100 { recorder.record(.milliseconds(ms)) }
        let summary = recorder.summary()
        #expect(summary.count == 100)
        #expect(summary.p50 >= .milliseconds(50) && summary.p50 <= .milliseconds(51))
        #expect(summary.p99 >= .milliseconds(99) && summary.p99 <= .milliseconds(100))
        #expect(summary.max >= .milliseconds(100) && summary.max <= .milliseconds(101))
        #expect(summary.mean == .microseconds(50_500))
    }
}
