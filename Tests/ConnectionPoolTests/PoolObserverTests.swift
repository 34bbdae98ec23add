import ConnectionPool
import ConnectionPoolTestUtils
import Testing

/// The pool tells its observer what it measured, on the pool's own clock.
struct PoolObserverTests {
    /// Records what it is told (a stand-in for the metrics, for this unit test of the pool's calls).
    final class Observer: PoolObserver {
        enum Call: Hashable {
            case started, shutDown, created(Duration), checkedOut(Duration), checkedIn(Duration)
        }

        let calls = Recorder<Call>()
        func poolStarted(_ pool: any PoolSnapshotSource) { calls.append(.started) }
        func poolShutDown(_ pool: any PoolSnapshotSource) { calls.append(.shutDown) }
        func connectionCreated(in duration: Duration) { calls.append(.created(duration)) }
        func checkedOut(afterWaiting waited: Duration) { calls.append(.checkedOut(waited)) }
        func checkedIn(afterUsing held: Duration) { calls.append(.checkedIn(held)) }
    }

    @Test("the observer is told the start, each connect, wait and use as the pool's clock measured them, and the shutdown")
    func durations() async throws {
        let clock = ManualClock()
        let observer = Observer()
        let pool = ConnectionPool(
            configuration: PoolConfiguration(poolSize: 1, maxOverflow: 0, checkoutTimeout: .seconds(60)),
            factory: FakeConnectionFactory(), clock: clock, observer: observer)
        let timer = Task { await pool.run() }
        let first = try await pool.checkOut(holder: "first")
        let waiter = Task { try await pool.checkOut(holder: "second") }
        while pool.snapshot().waiters.count == 0 { await Task.yield() }
        clock.advance(by: .seconds(2))
        await pool.checkIn(first)
        let second = try await waiter.value
        clock.advance(by: .seconds(3))
        await pool.checkIn(second)
        // A repeated check-in is ignored by the pool, so the observer is not told either.
        await pool.checkIn(second)
        await pool.shutdown()
        await timer.value
        let calls = observer.calls.all
        #expect(calls.first == .started)
        #expect(calls.last == .shutDown)
        // The waiter's task and the check-in that served it tell theirs concurrently: order aside, these.
        #expect(calls.count == 7)
        #expect(Set(calls) == [
            .started, .created(.zero), .checkedOut(.zero), .checkedOut(.seconds(2)), .checkedIn(.seconds(2)),
            .checkedIn(.seconds(3)), .shutDown,
        ])
    }
}
