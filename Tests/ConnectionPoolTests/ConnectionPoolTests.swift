import ConnectionPool
import ConnectionPoolTestUtils
import Testing

@Suite("ConnectionPool with a fake factory and a manual clock")
struct ConnectionPoolTests {
    func settings(
        poolSize: Int = 1, maxOverflow: Int = 0, timeout: Duration = .seconds(30), _ change: (inout PoolConfiguration) -> Void = { _ in }
    ) -> PoolConfiguration {
        var c = PoolConfiguration(poolSize: poolSize, maxOverflow: maxOverflow, checkoutTimeout: timeout, resetOnReturn: .none)
        change(&c)
        return c
    }

    @Test func waitersAreServedFirstInFirstOutWithoutBarging() async throws {
        let f = PoolFixture(settings())
        let first = try await f.pool.checkOut(holder: "first")
        let order = Recorder<String>()
        var tasks: [Task<Void, any Error>] = []
        for name in ["w1", "w2", "w3", "w4", "w5"] {
            let before = f.snapshot.waiters.count
            tasks.append(Task { [pool = f.pool] in
                let lease = try await pool.checkOut(holder: name)
                order.append(name)
                await pool.checkIn(lease)
            })
            await f.eventually("\(name) queued") { f.snapshot.waiters.count > before }
        }
        await f.pool.checkIn(first)
        // A newcomer arriving right after the check-in queues behind everyone.
        let newcomer = try await f.pool.checkOut(holder: "newcomer")
        order.append("newcomer")
        await f.pool.checkIn(newcomer)
        for task in tasks { try await task.value }
        #expect(order.all == ["w1", "w2", "w3", "w4", "w5", "newcomer"])
        #expect(f.factory.attempts == 1)
        await f.finish()
    }

    @Test func timedOutWaiterGetsAnErrorNamingTheLimits() async throws {
        let f = PoolFixture(settings(timeout: .seconds(2)))
        let held = try await f.pool.checkOut(holder: "holder")
        let waiter = await f.queuedCheckOut("late")
        f.clock.advance(by: .seconds(2))
        let result = await waiter.result
        #expect(throws: PoolError.timeout(waited: .seconds(2), limits: "pool_size 1, max_overflow 0, timeout 2s: 1 in use, 1 waiting")) {
            try result.get()
        }
        #expect(f.snapshot.counters.timeouts == 1)
        #expect(f.snapshot.waiters.count == 0)
        await f.pool.checkIn(held)
        await f.finish()
    }

    @Test func cancellingAWaitingCheckOutRemovesIt() async throws {
        let f = PoolFixture(settings())
        let held = try await f.pool.checkOut(holder: "holder")
        let waiter = await f.queuedCheckOut("impatient")
        waiter.cancel()
        let result = await waiter.result
        #expect(throws: PoolError.cancelled) { try result.get() }
        #expect(f.snapshot.waiters.count == 0)
        await f.pool.checkIn(held)
        #expect(f.snapshot.idle == 1)
        await f.finish()
    }

    @Test func shrinkingAndGrowingWhileRunning() async throws {
        let f = PoolFixture(settings(poolSize: 3))
        var leases: [Lease<FakeConnection>] = []
        for i in 0..<3 { leases.append(try await f.pool.checkOut(holder: "h\(i)")) }
        await f.pool.checkIn(leases.removeFirst())
        f.pool.reconfigure { $0.poolSize = 1 }
        await f.eventually("idle one closed") { f.snapshot.counters.closes(.shrunk) == 1 }
        await f.pool.checkIn(leases.removeFirst())
        #expect(f.snapshot.counters.closes(.shrunk) == 2)
        #expect(f.snapshot.configuration.poolSize == 1)

        let w1 = await f.queuedCheckOut("w1")
        let w2 = await f.queuedCheckOut("w2")
        f.pool.reconfigure { $0.poolSize = 3 }
        let served = [try await w1.value, try await w2.value]
        #expect(Set(served.map(\.slot)).count == 2)
        #expect(f.events.contains(.configurationChanged(description: "pool_size 1 → 3")))
        for lease in served + leases { await f.pool.checkIn(lease) }
        await f.finish()
    }

    @Test func overflowConnectionReturnedWhileTheCoreIsFullIsClosed() async throws {
        let f = PoolFixture(settings(poolSize: 1, maxOverflow: 1))
        let a = try await f.pool.checkOut(holder: "a")
        let b = try await f.pool.checkOut(holder: "b")
        #expect(f.snapshot.overflowOpen == 1)
        await f.pool.checkIn(a)
        await f.pool.checkIn(b)
        #expect(f.snapshot.counters.closes(.overflowReturned) == 1)
        await f.eventually("overflow connection closed") { f.factory.made[1].isClosed }
        #expect(!f.factory.made[0].isClosed)
        await f.finish()
    }

    @Test func connectionsAreRecycledByLifetimeAndIdleTime() async throws {
        let f = PoolFixture(settings(poolSize: 2) { $0.maxLifetime = .seconds(10); $0.idleTimeout = .seconds(4) })
        let a = try await f.pool.checkOut(holder: "a")
        let b = try await f.pool.checkOut(holder: "b")
        await f.pool.checkIn(a)
        f.clock.advance(by: .seconds(4))
        await f.eventually("idle close") { f.snapshot.counters.closes(.idle) == 1 }
        f.clock.advance(by: .seconds(6))
        await f.pool.checkIn(b)
        #expect(f.snapshot.counters.closes(.recycled) == 1)
        await f.eventually("both closed") { f.factory.made.allSatisfy(\.isClosed) }
        await f.finish()
    }

    @Test func minimumIdleIsKeptWarm() async throws {
        let f = PoolFixture(settings(poolSize: 3) { $0.minimumIdle = 2 })
        await f.eventually("two warm connections") { f.snapshot.idle == 2 }
        let lease = try await f.pool.checkOut(holder: "a")
        await f.eventually("refilled") { f.snapshot.idle == 2 }
        #expect(f.factory.attempts == 3)
        await f.pool.checkIn(lease)
        await f.finish()
    }

    @Test func prePingReplacesALostConnection() async throws {
        let f = PoolFixture(settings(poolSize: 2) { $0.prePing = true })
        let first = try await f.pool.checkOut(holder: "a")
        await f.pool.checkIn(first)
        f.factory.made[0].markLost()
        let second = try await f.pool.checkOut(holder: "b")
        #expect(second.connection.id == 2)
        #expect(f.snapshot.counters.prePingFailures == 1)
        #expect(f.snapshot.counters.closes(.broken) == 1)
        await f.eventually("lost connection closed") { f.factory.made[0].isClosed }
        await f.pool.checkIn(second)
        await f.finish()
    }

    @Test func failedConnectsBackOffAndShowAsEvents() async throws {
        let f = PoolFixture(settings())
        f.factory.failNextConnects(2, message: "refused")
        let waiter = Task { [pool = f.pool] in try await pool.checkOut(holder: "w") }
        await f.eventually("first failure") { f.events.contains(.connectFailed(message: "refused", retryIn: .milliseconds(100))) }
        #expect(f.factory.attempts == 1)
        f.clock.advance(by: .milliseconds(100))
        await f.eventually("second failure") { f.events.contains(.connectFailed(message: "refused", retryIn: .milliseconds(200))) }
        f.clock.advance(by: .milliseconds(200))
        let lease = try await waiter.value
        #expect(f.factory.attempts == 3)
        #expect(f.snapshot.counters.connectFailures == 2)
        await f.pool.checkIn(lease)
        await f.finish()
    }

    @Test func failingConnectsNeverHoldAWaiterPastItsTimeout() async throws {
        let f = PoolFixture(settings(timeout: .seconds(1)))
        f.factory.failNextConnects(1_000, message: "refused")
        let waiter = Task { [pool = f.pool] in try await pool.checkOut(holder: "w") }
        await f.eventually("first failure") { f.snapshot.counters.connectFailures == 1 }
        f.clock.advance(by: .seconds(1))
        let result = await waiter.result
        #expect(throws: PoolError.timeout(waited: .seconds(1), limits: "pool_size 1, max_overflow 0, timeout 1s: 0 in use, 1 waiting; last connect error: refused")) {
            try result.get()
        }
        await f.finish()
    }

    @Test func slowConnectDoesNotDelayTheTimeout() async throws {
        let f = PoolFixture(settings(timeout: .seconds(1)))
        f.factory.holdConnects()
        let waiter = Task { [pool = f.pool] in try await pool.checkOut(holder: "w") }
        await f.eventually("connect held") { f.factory.heldCount == 1 }
        f.clock.advance(by: .seconds(1))
        let result = await waiter.result
        #expect(throws: (any Error).self) { try result.get() }
        f.factory.releaseConnects()
        await f.eventually("late connection parked idle") { f.snapshot.idle == 1 }
        await f.finish()
    }

    @Test func connectionHeldPastTheLeakThresholdIsReportedOnce() async throws {
        let f = PoolFixture(settings { $0.leakThreshold = .seconds(5) })
        let lease = try await f.pool.checkOut(holder: "leaky-handler")
        f.clock.advance(by: .seconds(5))
        await f.eventually("leak warning") { f.snapshot.counters.leakWarnings == 1 }
        #expect(f.events.contains(.leakSuspected(slot: lease.slot, holder: "leaky-handler", heldFor: .seconds(5))))
        f.clock.advance(by: .seconds(5))
        await f.pool.checkIn(lease)
        #expect(f.snapshot.counters.leakWarnings == 1)
        await f.finish()
    }

    @Test func checkOutBeyondMaxWaitersIsRefused() async throws {
        let f = PoolFixture(settings { $0.maxWaiters = 1 })
        let held = try await f.pool.checkOut(holder: "holder")
        let waiter = await f.queuedCheckOut("w1")
        await #expect(throws: PoolError.tooManyWaiters(limit: 1)) { try await f.pool.checkOut(holder: "w2") }
        await f.pool.checkIn(held)
        await f.pool.checkIn(try await waiter.value)
        await f.finish()
    }

    @Test func loweringMaxWaitersFailsTheNewestWaitersAtOnce() async throws {
        let f = PoolFixture(settings())
        let held = try await f.pool.checkOut(holder: "holder")
        var waiters: [Task<Lease<FakeConnection>, any Error>] = []
        for index in 1...10 { waiters.append(await f.queuedCheckOut("w\(index)")) }
        f.pool.reconfigure { $0.maxWaiters = 2 }
        // At once: the manual clock never moves, so no time-out can stand in for the refusal.
        for waiter in waiters[2...] {
            await #expect(throws: PoolError.tooManyWaiters(limit: 2)) { try await waiter.value }
        }
        #expect(f.snapshot.waiters.oldest.map(\.holder) == ["w1", "w2"])
        #expect(f.snapshot.counters.rejected == 8)
        #expect(f.events.filter { $0 == .warning(message: "max_waiters lowered to 2: 8 waiters turned away") }.count == 1)
        await #expect(throws: PoolError.tooManyWaiters(limit: 2)) { try await f.pool.checkOut(holder: "w11") }
        await f.pool.checkIn(held)
        let first = try await waiters[0].value
        await f.pool.checkIn(first)
        await f.pool.checkIn(try await waiters[1].value)
        await f.finish()
    }

    @Test func shutdownFailsWaitersAndClosesEverything() async throws {
        let f = PoolFixture(settings())
        let held = try await f.pool.checkOut(holder: "holder")
        let waiter = await f.queuedCheckOut("w1")
        await f.pool.shutdown()
        let result = await waiter.result
        #expect(throws: PoolError.shutdown) { try result.get() }
        await f.pool.checkIn(held)
        await f.eventually("closed at check-in") { f.factory.made[0].isClosed }
        await #expect(throws: PoolError.shutdown) { try await f.pool.checkOut(holder: "late") }
        await f.timer.value
    }

    @Test func resetOnReturnRunsAndAFailedResetClosesTheConnection() async throws {
        let f = PoolFixture(settings { $0.resetOnReturn = .discardAll })
        let lease = try await f.pool.checkOut(holder: "a")
        await f.pool.checkIn(lease)
        #expect(f.factory.made[0].resets == [.discardAll])
        #expect(f.snapshot.idle == 1)
        let again = try await f.pool.checkOut(holder: "b")
        again.connection.failNextResets()
        await f.pool.checkIn(again)
        #expect(f.snapshot.counters.closes(.broken) == 1)
        await f.finish()
    }

    @Test func withConnectionReportsActivityAndChecksBrokenConnectionsInAsBroken() async throws {
        let f = PoolFixture(settings())
        let pid = try await f.pool.withConnection(holder: "job") { connection in
            connection.backendPID
        }
        #expect(pid == 10_001)
        let lease = try await f.pool.checkOut(holder: "reporter")
        f.pool.reportActivity(lease, query: "SELECT pg_sleep(1)")
        #expect(f.snapshot.slots[0].query == "SELECT pg_sleep(1)")
        #expect(f.snapshot.slots[0].holder == "reporter")
        lease.connection.markLost()
        await f.pool.checkIn(lease)
        #expect(f.snapshot.counters.closes(.broken) == 1)
        await f.finish()
    }

    @Test func manyWaitersShareOneTimer() async throws {
        let f = PoolFixture(settings(timeout: .seconds(5)))
        let held = try await f.pool.checkOut(holder: "holder")
        let waiters = (0..<2_000).map { i in Task { [pool = f.pool] in try await pool.checkOut(holder: "w\(i)") } }
        await f.eventually("all queued") { f.snapshot.waiters.count == 2_000 }
        await f.eventually("timer asleep") { f.clock.sleeperCount == 1 }
        f.clock.advance(by: .seconds(5))
        for waiter in waiters { _ = await waiter.result }
        #expect(f.snapshot.counters.timeouts == 2_000)
        await f.pool.checkIn(held)
        await f.finish()
    }

    @Test func shorteningTheTimeoutWakesTheTimerForQueuedWaiters() async throws {
        let f = PoolFixture(settings(timeout: .seconds(60)))
        let held = try await f.pool.checkOut(holder: "holder")
        let waiter = await f.queuedCheckOut("w")
        f.clock.advance(by: .seconds(10))
        f.pool.reconfigure { $0.checkoutTimeout = .seconds(5) }
        let result = await waiter.result
        #expect(throws: PoolError.timeout(waited: .seconds(10), limits: "pool_size 1, max_overflow 0, timeout 5s: 1 in use, 1 waiting")) {
            try result.get()
        }
        await f.pool.checkIn(held)
        await f.finish()
    }

    @Test func eventsAfterASequenceReturnOnlyNewerOnes() async throws {
        let f = PoolFixture(settings())
        let lease = try await f.pool.checkOut(holder: "a")
        let seen = f.snapshot.lastEventSequence
        await f.pool.checkIn(lease)
        let newer = f.pool.events(after: seen)
        #expect(newer.map(\.sequence) == [seen + 1])
        #expect(newer.first?.kind == .slotChanged(slot: 1, from: .inUse, to: .idle, reason: nil))
        #expect(f.pool.events(after: seen + 1).isEmpty)
        await f.finish()
    }
}
