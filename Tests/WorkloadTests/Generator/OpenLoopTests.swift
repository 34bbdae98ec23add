import ConnectionPoolTestUtils
import Testing
@testable import Workload

/// Open loop on fakes: the arrival process runs on the manual clock with a fixed seed, so the number of
/// arrivals in a second is known in advance.
@Suite struct OpenLoopTests {
    /// The arrivals a Poisson process seeded with `seed` makes in (0, `window`].
    static func arrivals(rate: Double, seed: UInt64, in window: Duration) -> Int {
        var random = FastRandom(seed: seed)
        var next = Duration.zero + PoissonArrivals.interArrival(rate: rate, &random)
        var count = 0
        while next <= window {
            count += 1
            next += PoissonArrivals.interArrival(rate: rate, &random)
        }
        return count
    }

    @Test func arrivalsQueueForBusyWorkersAndEachIsServedOnce() async {
        let rate = 50.0
        let seed: UInt64 = 42
        let expected = Self.arrivals(rate: rate, seed: seed, in: .seconds(1))
        #expect(expected > 1)
        let load = LoadFixture(LoadSettings(workers: 1, arrivalRate: rate), arrivalSeed: seed)
        load.factory.statements.hold()
        load.generator.start()
        await load.eventually("the worker waits for an arrival") { load.generator.arrivals.waitingCount == 1 }
        // The sampler, the pool's timer and the arrival process.
        await load.eventually("the arrival process sleeps") { load.clock.sleeperCount == 3 }

        load.clock.advance(by: .seconds(1))
        await load.eventually("one arrival running, the rest queued") {
            load.factory.statements.heldCount == 1 && load.generator.snapshot().backlog == expected - 1
        }
        load.factory.statements.release()
        await load.eventually("every arrival served") { load.queries == [expected] }
        #expect(load.generator.snapshot().backlog == 0)
        #expect(load.statements.count == expected)
        await load.finish()
    }

    @Test func leavingOpenLoopForgetsTheBacklog() async {
        let load = LoadFixture(LoadSettings(workers: 1, arrivalRate: 50), arrivalSeed: 7)
        load.factory.statements.hold()
        load.generator.start()
        await load.eventually("the arrival process sleeps") {
            load.clock.sleeperCount == 3 && load.generator.arrivals.waitingCount == 1
        }
        load.clock.advance(by: .seconds(1))
        await load.eventually("a backlog") { load.generator.snapshot().backlog > 0 }

        load.generator.update {
            $0.arrivalRate = nil
            $0.thinkTime = LoadFixture.think
        }
        #expect(load.generator.snapshot().backlog == 0)
        load.factory.statements.release()
        // The running query ends, then the worker is in closed loop: one more query, then it thinks.
        await load.eventually("closed loop") { load.queries == [2] && load.workers.first?.state == .thinking }
        await load.finish()
    }
}
