import Testing
@testable import ConnectionPool

@Suite("State machine: connect back-off, refusals, a full server and lost connections")
struct BackoffRulesTests {
    /// `count` waiters queued on an empty pool of `poolSize`; returns the connects they started.
    func queue(_ h: inout MachineHarness, _ count: Int) -> [Int] {
        var connects: [Int] = []
        for i in 0..<count { connects += h.checkOut("w\(i)").1.connect }
        return connects
    }

    @Test func aBurstOfFailuresStartedTogetherLengthensTheBackoffOnce() {
        var h = MachineHarness(config(poolSize: 15))
        let connects = queue(&h, 15)
        #expect(connects.count == 15)
        h.now += .milliseconds(5)
        for slot in connects { _ = h.machine.connectFailed(slot: slot, message: "refused", now: h.now) }
        #expect(h.machine.counters.connectFailures == 15)
        #expect(h.machine.connectAllowedAt == h.now + .milliseconds(100))
        #expect(h.events.allSatisfy { if case .connectFailed(_, let retry) = $0 { retry == .milliseconds(100) } else { true } })
    }

    @Test func refusedConnectsAreProbedAtLeastEveryRefusedRetryCap() {
        var h = MachineHarness(config(poolSize: 1))
        var slot = queue(&h, 1)[0]
        var delays: [Duration] = []
        for _ in 0..<12 {
            _ = h.machine.connectFailed(slot: slot, message: "refused", failure: .refused, now: h.now)
            let delay = h.machine.connectAllowedAt - h.now
            delays.append(delay)
            let probe = h.advance(delay)
            #expect(probe.connect.count == 1)
            slot = probe.connect.first ?? slot
        }
        let configured = h.machine.configuration.connectRetry
        #expect(delays.first == configured.initial)
        #expect(delays.max() == ConnectFailure.refusedRetryCap)
        #expect(configured.delay(afterFailures: 12) > ConnectFailure.refusedRetryCap)  // the cap is what held it
        #expect(h.machine.counters.connectRefused == 12)
        #expect(h.events.contains(.connectRefused(message: "refused", retryIn: ConnectFailure.refusedRetryCap)))
    }

    @Test func otherFailuresBackOffToTheConfiguredMaximum() {
        var h = MachineHarness(config(poolSize: 1))
        var slot = queue(&h, 1)[0]
        var longest = Duration.zero
        for _ in 0..<10 {
            _ = h.machine.connectFailed(slot: slot, message: "password authentication failed", now: h.now)
            let delay = h.machine.connectAllowedAt - h.now
            longest = max(longest, delay)
            slot = h.advance(delay).connect.first ?? slot
        }
        #expect(longest == h.machine.configuration.connectRetry.maximum)
    }

    @Test func oneSuccessfulConnectEndsTheBackoffForEveryWaiter() {
        var h = MachineHarness(config(poolSize: 4))
        var slot = queue(&h, 4)[0]
        // Fail long enough that the back-off is far longer than anything the test waits.
        for _ in 0..<8 {
            for connecting in h.machine.slots.map(\.id) where h.state(ofSlot: connecting) == .connecting {
                _ = h.machine.connectFailed(slot: connecting, message: "timeout", now: h.now)
            }
            slot = h.advance(h.machine.connectAllowedAt - h.now).connect.first ?? slot
        }
        #expect(h.machine.connectingCount == 1)  // one probe at a time while failing
        h.now += .milliseconds(20)
        let served = h.establish([slot])
        #expect(served.resumedHolders == ["w0"])
        #expect(served.connect.count == 3)  // the other three waiters' connects start at once
        #expect(h.machine.connectAllowedAt == .zero)
        guard case .connectsRestored(let failedFor, let failures)? = h.events.last(where: {
            if case .connectsRestored = $0 { true } else { false }
        }) else {
            Issue.record("no connectsRestored event")
            return
        }
        #expect(failures == h.machine.counters.connectFailures)
        #expect(failedFor == h.now)
    }

    /// Checks out `holder`, opening a connection for it; the assignment it was served.
    func served(_ h: inout MachineHarness, _ holder: String) -> PoolAssignment<Int>? {
        let (decision, actions) = h.checkOut(holder)
        if case .leased(let lease) = decision { return lease }
        return h.establishAll(actions).resume.first { $0.continuation == holder }?.outcome.successValue
    }

    @Test func aFullServerIsProbedWithBackoffWhileTheOpenConnectionsServe() {
        var h = MachineHarness(config(poolSize: 2, maxOverflow: 2))
        guard let a = served(&h, "a"), served(&h, "b") != nil else { Issue.record("not served"); return }
        let refused = h.checkOut("c").1.connect + h.checkOut("d").1.connect
        #expect(refused.count == 2)
        for slot in refused { _ = h.machine.connectFailed(slot: slot, message: "too many clients", failure: .serverFull, now: h.now) }
        #expect(h.machine.counters.serverFull == 2)
        #expect(h.events.contains(.serverFull(message: "too many clients", retryIn: .milliseconds(100))))
        #expect(h.advance(.milliseconds(50)).connect.isEmpty)  // no attempt inside the back-off
        // The open connections keep serving: a returned one goes to the oldest waiter at once.
        #expect(h.checkIn(a).resumedHolders == ["c"])
        // Room frees: the probe after the back-off succeeds and the pool grows again.
        let probe = h.advance(.milliseconds(50))
        #expect(probe.connect.count == 1)
        #expect(h.establish(probe.connect).resumedHolders == ["d"])
        #expect(h.machine.openCount == 3)
    }

    @Test func aLostConnectionAtCheckInIsCountedAndNamedWithItsBackend() {
        var h = MachineHarness(config(poolSize: 1))
        let first = h.checkOut("a").1
        let lease = h.establishAll(first).resume.first?.outcome.successValue
        guard let lease else { Issue.record("not served"); return }
        let (_, actions) = h.machine.checkIn(
            slot: lease.slot, checkout: lease.checkout, broken: true, lost: "terminated by administrator command", now: h.now)
        #expect(actions.closedSlots == [lease.slot])
        #expect(h.machine.counters.connectionsLost == 1)
        #expect(h.machine.counters.closes(.broken) == 1)
        #expect(h.events.contains(.connectionLost(slot: lease.slot, backendPID: Int32(lease.slot), cause: "terminated by administrator command")))
    }

    @Test func aConnectionReturnedBrokenButNotLostIsNotCountedAsLost() {
        var h = MachineHarness(config(poolSize: 1))
        guard let lease = h.establishAll(h.checkOut("a").1).resume.first?.outcome.successValue else {
            Issue.record("not served")
            return
        }
        _ = h.checkIn(lease, broken: true)
        #expect(h.machine.counters.connectionsLost == 0)
        #expect(h.machine.counters.closes(.broken) == 1)
    }
}

@Suite("Pool: lost connections and a stop that does not wait for hung holders")
struct LossAndInterruptTests {
    @Test func aConnectionReturnedLostIsCountedAndNamed() async throws {
        let f = PoolFixture(PoolConfiguration(poolSize: 1, maxOverflow: 0))
        let lease = try await f.pool.checkOut(holder: "a")
        f.factory.made[0].markLost()
        await f.pool.checkIn(lease)
        #expect(f.snapshot.counters.connectionsLost == 1)
        #expect(f.events.contains(.connectionLost(slot: lease.slot, backendPID: lease.connection.backendPID, cause: "connection lost")))
        await f.finish()
    }

    @Test func interruptInUseClosesTheHeldConnectionsOnly() async throws {
        let f = PoolFixture(PoolConfiguration(poolSize: 2, maxOverflow: 0))
        let held = try await f.pool.checkOut(holder: "hung")
        let returned = try await f.pool.checkOut(holder: "done")
        await f.pool.checkIn(returned)
        await f.pool.interruptInUse()
        #expect(held.connection.isClosed)
        #expect(!returned.connection.isClosed)
        // The holder still checks it in: closed, so lost, and replaced on demand.
        await f.pool.checkIn(held)
        #expect(f.snapshot.inUse == 0)
        await f.finish()
    }
}

extension BackoffRulesTests {
    @Test func aNewConnectRetryKeepsTheRefusalCap() {
        var h = MachineHarness(config(poolSize: 1))
        let slot = queue(&h, 1)[0]
        _ = h.machine.connectFailed(slot: slot, message: "refused", failure: .refused, now: h.now)
        var slower = h.machine.configuration
        slower.connectRetry = Backoff(initial: .seconds(5), maximum: .seconds(30))
        _ = h.machine.reconfigure(slower, now: h.now + .milliseconds(10))
        #expect(h.machine.connectAllowedAt == h.now + ConnectFailure.refusedRetryCap)
    }
}
