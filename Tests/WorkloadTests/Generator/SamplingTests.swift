import ConnectionPoolTestUtils
import Testing
@testable import Workload

/// Per-second samples and the measurement on the manual clock.
@Suite struct SamplingTests {
    @Test func eachSecondBecomesOneSampleOfThatSecondsQueries() async {
        let load = LoadFixture(LoadSettings(workers: 3, thinkTime: LoadFixture.think))
        load.generator.start()
        await load.eventually("one query each") { load.queries == [1, 1, 1] }
        await load.sleeping(3)

        load.clock.advance(by: .seconds(1))
        await load.eventually("the first sample") { load.generator.snapshot().samples.count == 1 }
        var snapshot = load.generator.snapshot()
        let first = snapshot.samples[0]
        #expect(first.second == 1)
        #expect(first.qps == 3)
        #expect(first.errors == 0 && first.timeouts == 0)
        #expect(first.inUse == 0 && first.waiters == 0)
        #expect(snapshot.queries == 3)
        #expect(snapshot.elapsed == .seconds(1))

        await load.sleeping(3)
        load.clock.advance(by: .seconds(1))
        await load.eventually("the second sample") { load.generator.snapshot().samples.count == 2 }
        snapshot = load.generator.snapshot()
        #expect(snapshot.samples[1].second == 2)
        #expect(snapshot.samples[1].qps == 0)
        #expect(snapshot.queries == 3)

        load.generator.resetStatistics()
        snapshot = load.generator.snapshot()
        #expect(snapshot.samples.isEmpty)
        #expect(snapshot.queries == 0)
        #expect(snapshot.elapsed == .zero)
        #expect(snapshot.workers.map(\.queries) == [0, 0, 0])
        await load.finish()
    }

    /// Bench resets the statistics after its warm-up; connections the warm-up opened are not the measurement's.
    @Test func connectionsOpenedCountsOnlySinceTheReset() async {
        let load = LoadFixture(LoadSettings(workers: 2, thinkTime: LoadFixture.think))
        load.factory.statements.hold()
        load.generator.start()
        await load.eventually("two connections in use") { load.factory.statements.heldCount == 2 }
        #expect(load.generator.measure().connectionsOpened == 2)

        load.generator.resetStatistics()
        load.factory.statements.release()
        await load.eventually("one query each") { load.queries == [1, 1] }
        await load.sleeping(2)
        #expect(load.generator.measure().connectionsOpened == 0)

        // Three at once need one connection more than the two idle ones.
        load.factory.statements.hold()
        load.generator.update { $0.workers = 3 }
        await load.eventually("worker 3 runs") { load.factory.statements.heldCount == 1 }
        load.clock.advance(by: LoadFixture.think)
        await load.eventually("three running") { load.factory.statements.heldCount == 3 }
        #expect(load.factory.made.count == 3)
        #expect(load.generator.measure().connectionsOpened == 1)
        load.factory.statements.release()
        await load.finish()
    }
}
