import ConnectionPool
import ConnectionPoolTestUtils
import Testing
@testable import Workload

/// The load's knobs that used to be flags only, switched while it runs (on fakes and the manual clock):
/// closed ⇄ open loop, the mix, pool ⇄ no-pool.
@Suite struct RuntimeSwitchTests {
    /// Sets one knob from text, as the knobs panel does, on the running load.
    func set(_ knob: LoadKnob, _ text: String, on load: LoadFixture) throws {
        var settings = load.generator.settings
        try knob.apply(text, to: &settings)
        load.generator.update(settings)
    }

    @Test func closedLoopSwitchedToOpenLoopServesTheArrivals() async throws {
        let rate = 2.0
        let seed: UInt64 = 11
        let window = LoadFixture.think
        let expected = OpenLoopTests.arrivals(rate: rate, seed: seed, in: window)
        #expect(expected > 1)
        let load = LoadFixture(LoadSettings(workers: 1, thinkTime: LoadFixture.think), arrivalSeed: seed)
        load.generator.start()
        await load.eventually("one closed-loop query") { load.queries == [1] }
        await load.sleeping(1)

        try set(.rate, "\(Int(rate))", on: load)
        // The thinking worker, the sampler, the pool's timer and now the arrival process.
        await load.eventually("the arrival process sleeps") { load.clock.sleeperCount == 4 }
        load.clock.advance(by: window)
        await load.eventually("every arrival served after the think") { load.queries == [1 + expected] }
        #expect(load.generator.snapshot().backlog == 0)
        #expect(load.workers.first?.state == .idle, "in open loop the worker waits for arrivals, it does not think")
        await load.finish()
    }

    @Test func mixSwitchedRunsTheNewStatementFromTheNextQuery() async throws {
        let load = LoadFixture(LoadSettings(workers: 1, thinkTime: LoadFixture.think))
        load.generator.start()
        await load.eventually("one query") { load.queries == [1] }
        await load.sleeping(1)
        try set(.mix, "'SELECT 2'", on: load)
        load.clock.advance(by: LoadFixture.think)
        await load.eventually("a second query") { load.queries == [2] }
        #expect(load.statements == ["SELECT 1", "SELECT 2"])
        await load.finish()
    }

    @Test func poolSwitchedToNoPoolAndBack() async throws {
        let load = LoadFixture(LoadSettings(workers: 1, thinkTime: LoadFixture.think))
        load.generator.start()
        await load.eventually("one pooled query") { load.queries == [1] }
        await load.sleeping(1)
        let pooled = try #require(load.factory.made.first)
        #expect(!pooled.isClosed, "the pool keeps its connection")

        try set(.mode, "no-pool", on: load)
        #expect(load.generator.snapshot().mode == .noPool)
        load.clock.advance(by: LoadFixture.think)
        await load.eventually("a query on its own connection") { load.queries == [2] }
        await load.sleeping(1)
        #expect(load.factory.made.count == 2)
        #expect(load.factory.made.last?.isClosed == true, "no-pool closes the connection after the query")
        #expect(load.factory.statements.log.last?.connection == load.factory.made.last?.id)

        try set(.mode, "pool", on: load)
        load.clock.advance(by: LoadFixture.think)
        await load.eventually("a pooled query again") { load.queries == [3] }
        #expect(load.factory.made.count == 2, "back in pool mode the pooled connection is reused")
        #expect(load.factory.statements.log.last?.connection == pooled.id)
        #expect(load.pool?.snapshot().counters.checkouts == 2)
        await load.finish()
    }

    @Test func aLoadWithoutAPoolStaysInNoPoolMode() async {
        let load = LoadFixture(noPool: LoadSettings(workers: 0))
        load.generator.update { $0.mode = .pool }
        #expect(load.generator.mode == .noPool)
        await load.finish()
    }
}

extension RuntimeSwitchTests {
    @Test func aWorkerThinkingALongTimeTakesAShorterThinkTimeAtOnce() async throws {
        let load = LoadFixture(LoadSettings(workers: 1, thinkTime: .seconds(3600)))
        load.generator.start()
        await load.eventually("one query") { load.queries == [1] }
        await load.sleeping(1)
        try set(.think, "1s", on: load)
        // Within one slice of the change the worker sees it; one second after it began thinking it queries again.
        load.clock.advance(by: FakeLoadGenerator.thinkSlice)
        await load.sleeping(1)
        load.clock.advance(by: .seconds(1))
        await load.eventually("a second query long before the old think time") { load.queries == [2] }
        await load.finish()
    }
}
