import ConnectionPool
import ConnectionPoolTestUtils
import Synchronization
import Testing

/// Connections currently handed out, to prove none is held by two tasks at once.
final class HeldSet: Sendable {
    private let state = Mutex<(ids: Set<ObjectIdentifier>, doubles: Int)>(([], 0))
    /// Counts a double lease if the connection was already held.
    func take(_ connection: FakeConnection) {
        state.withLock { if !$0.ids.insert(ObjectIdentifier(connection)).inserted { $0.doubles += 1 } }
    }
    func give(_ connection: FakeConnection) { _ = state.withLock { $0.ids.remove(ObjectIdentifier(connection)) } }
    var doubleLeases: Int { state.withLock { $0.doubles } }
}

@Suite("ConnectionPool under real concurrency")
struct ConcurrentStressTests {
    @Test func concurrentCheckOutsResizesAndBrokenReturnsKeepThePoolConsistent() async throws {
        let f = PoolFixture(PoolConfiguration(poolSize: 3, maxOverflow: 2, resetOnReturn: .rollback))
        let held = HeldSet()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for t in 0..<32 {
                group.addTask { [pool = f.pool] in
                    var rng = SeededGenerator(seed: UInt64(t + 1))
                    for _ in 0..<100 {
                        let lease = try await pool.checkOut(holder: "task-\(t)")
                        held.take(lease.connection)
                        await Task.yield()
                        held.give(lease.connection)
                        await pool.checkIn(lease, broken: Int.random(in: 0..<20, using: &rng) == 0)
                    }
                }
            }
            group.addTask { [pool = f.pool] in
                var rng = SeededGenerator(seed: 99)
                for _ in 0..<50 {
                    let size = Int.random(in: 1...6, using: &rng)
                    let overflow = Int.random(in: 0...3, using: &rng)
                    pool.reconfigure { $0.poolSize = size; $0.maxOverflow = overflow }
                    let snapshot = pool.snapshot()
                    #expect(snapshot.slots.count == snapshot.slots.map(\.id).count)
                    #expect(snapshot.inUse <= snapshot.slots.count)
                    await Task.yield()
                }
                pool.reconfigure { $0.poolSize = 3; $0.maxOverflow = 2 }
            }
            try await group.waitForAll()
        }
        #expect(held.doubleLeases == 0)
        let snapshot = f.snapshot
        #expect(snapshot.inUse == 0)
        #expect(snapshot.waiters.count == 0)
        #expect(snapshot.counters.checkouts == 32 * 100)
        #expect(snapshot.counters.checkins == 32 * 100)
        await f.eventually("closes finished") { f.snapshot.count(.closing) + f.snapshot.count(.broken) == 0 }
        #expect(f.snapshot.open <= 5)
        await f.finish()
    }
}
