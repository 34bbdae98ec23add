import ConnectionPool
import ConnectionPoolTestUtils
import Testing

@Suite("Shutdown waits for the connects and closes the pool started")
struct ShutdownTests {
    @Test func shutdownWaitsForAConnectInFlightAndClosesTheConnectionItBrings() async throws {
        let f = PoolFixture(PoolConfiguration(poolSize: 1, maxOverflow: 0, resetOnReturn: .none))
        f.factory.holdConnects()
        let waiter = Task { [pool = f.pool] in try await pool.checkOut(holder: "w") }
        await f.eventually("connect held") { f.factory.heldCount == 1 }

        let heldWhenShutdownReturned = Recorder<Int>()
        let shutdown = Task { [pool = f.pool, factory = f.factory] in
            await pool.shutdown()
            heldWhenShutdownReturned.append(factory.heldCount)
        }
        // The waiter failing with .shutdown shows the shutdown has begun.
        await #expect(throws: PoolError.shutdown) { try await waiter.value }
        for _ in 0..<1_000 { await Task.yield() }
        #expect(heldWhenShutdownReturned.all.isEmpty, "shutdown returned with a connect in flight")

        f.factory.releaseConnects()
        await shutdown.value
        #expect(heldWhenShutdownReturned.all == [0])
        #expect(f.factory.made.count == 1)
        #expect(f.factory.made.allSatisfy { $0.isClosed }, "the connection that opened after shutdown was leaked")
        #expect(f.snapshot.slots.isEmpty)
        #expect(f.snapshot.counters.closes(.shutdown) == 1)
        await f.timer.value
    }
}
