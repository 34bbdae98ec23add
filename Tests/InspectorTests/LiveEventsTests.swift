import ConnectionPool
import ConnectionPoolTestUtils
import Testing
@testable import Inspector

/// The live screen's events (`RecentEvents.catchUp(with:)`, what `LiveSource.collect` calls each frame) on a pool
/// of fake connections: check-outs and check-ins flood the pool's ring of every event between two reads, many
/// times over, and every connect, close, timeout and knob change of that time still arrives.
@Suite struct LiveEventsTests {
    private typealias Pool = ConnectionPool<FakeConnectionFactory>

    /// Lets the pool's connects and closes run until `condition` holds (bounded; records an issue if it never does).
    private func eventually(_ what: String, _ condition: () -> Bool) async {
        for _ in 0..<200_000 {
            if condition() { return }
            await Task.yield()
        }
        Issue.record("never happened: \(what)")
    }

    /// Opens an overflow connection beside the core one and gives both back: the overflow one is closed.
    private func openAndCloseOverflow(_ pool: Pool) async throws {
        let core = try await pool.checkOut(holder: "core")
        let overflow = try await pool.checkOut(holder: "overflow")
        await pool.checkIn(core)
        await pool.checkIn(overflow)
        await eventually("the overflow connection closed") { pool.snapshot().open == 1 }
    }

    @Test func connectsClosesTimeoutsAndChangesAllArriveThoughCheckOutsFloodTheRingBetweenTwoReads() async throws {
        let pool = Pool(configuration: PoolConfiguration(poolSize: 1, maxOverflow: 1, checkoutTimeout: .milliseconds(100)),
                        factory: FakeConnectionFactory())
        let timer = Task { await pool.run() }
        var window = RecentEvents()
        let warm = try await pool.checkOut(holder: "warm")
        await pool.checkIn(warm)
        window.catchUp(with: pool)
        #expect(window.events.contains { $0.kind == .slotChanged(slot: 1, from: nil, to: .connecting, reason: nil) }, "\(window.events)")
        let firstRead = window.lastSequence

        // Between the two reads: two overflow connects and closes, a check-out that times out, a knob change…
        try await openAndCloseOverflow(pool)
        let core = try await pool.checkOut(holder: "core")
        let overflow = try await pool.checkOut(holder: "overflow")
        do {
            _ = try await pool.checkOut(holder: "late")
            Issue.record("a third check-out got a connection from a pool of 1 + 1")
        } catch {
            if case .timeout = error {} else { Issue.record("the third check-out failed otherwise: \(error)") }
        }
        await pool.checkIn(core)
        await pool.checkIn(overflow)
        await eventually("the second overflow connection closed") { pool.snapshot().open == 1 }
        pool.reconfigure { $0.checkoutTimeout = .milliseconds(200) }
        // …then far more check-outs and check-ins than the ring of every event holds.
        for _ in 0..<1_500 {
            let lease = try await pool.checkOut(holder: "flood")
            await pool.checkIn(lease)
        }
        let everything = pool.events(after: firstRead)
        #expect(everything.allSatisfy { $0.isRoutine }, "the flood did not push the notable events out of the ring of every event")
        #expect(pool.snapshot().lastEventSequence - firstRead > 2 * 1024)

        window.catchUp(with: pool)
        let arrived = window.events.filter { $0.sequence > firstRead }.map(\.kind)
        let connects = arrived.filter { if case .slotChanged(_, nil, .connecting, _) = $0 { true } else { false } }
        let returned = arrived.filter { if case .slotChanged(_, _, .closing, .overflowReturned) = $0 { true } else { false } }
        let closed = arrived.filter { if case .slotChanged(_, .closing, nil, _) = $0 { true } else { false } }
        #expect(connects.count == 2 && returned.count == 2 && closed.count == 2, "\(arrived)")
        #expect(arrived.contains { if case .checkoutTimedOut(holder: "late", _, _) = $0 { true } else { false } }, "\(arrived)")
        #expect(arrived.contains(.configurationChanged(description: "timeout 100ms → 200ms")), "\(arrived)")
        #expect(window.events.allSatisfy { !$0.isRoutine }, "check-outs and check-ins reached the screen's history")
        #expect(zip(window.events, window.events.dropFirst()).allSatisfy { $0.sequence < $1.sequence })

        await pool.shutdown()
        await timer.value
    }
}
