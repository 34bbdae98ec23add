import ConnectionPool
import ConnectionPoolTestUtils
import Testing
@testable import Workload

/// Closed-loop workers on fakes: each query runs at once, then the worker thinks on the manual clock, so
/// advancing the clock by the think time lets every worker run exactly one more query.
@Suite struct WorkerTests {
    @Test func workersGrowAndShrinkWhileTheLoadRuns() async {
        let load = LoadFixture(LoadSettings(workers: 2, thinkTime: LoadFixture.think))
        load.generator.start()
        await load.eventually("two workers ran one query each") { load.queries == [1, 1] }
        await load.sleeping(2)

        load.generator.update { $0.workers = 5 }
        await load.eventually("five workers ran one query each") { load.queries == [1, 1, 1, 1, 1] }
        #expect(load.workers.map(\.id) == Array(1...5))
        await load.sleeping(5)

        load.generator.update { $0.workers = 3 }
        await load.eventually("workers 4 and 5 left") { load.workers.map(\.id) == [1, 2, 3] }
        await load.sleeping(3)
        load.clock.advance(by: LoadFixture.think)
        await load.eventually("the three left ran again") { load.queries == [2, 2, 2] }
        #expect(load.statements == Array(repeating: "SELECT 1", count: 2 + 3 + 3))
        await load.finish()
    }

    @Test func pausedWorkersRunNothingUntilResumed() async {
        let load = LoadFixture(LoadSettings(workers: 2, thinkTime: LoadFixture.think))
        load.generator.start()
        await load.eventually("one query each") { load.queries == [1, 1] }
        await load.sleeping(2)

        load.generator.update { $0.paused = true }
        load.clock.advance(by: LoadFixture.think)
        await load.eventually("both idle") { load.workers.allSatisfy { $0.state == .idle } }
        #expect(load.queries == [1, 1])

        load.generator.update { $0.paused = false }
        await load.eventually("both ran again") { load.queries == [2, 2] }
        #expect(load.statements.count == 4)
        await load.finish()
    }

    @Test func pauseLetsTheRunningStatementFinish() async {
        let load = LoadFixture(LoadSettings(workers: 1))
        load.factory.statements.hold()
        load.generator.start()
        await load.eventually("a statement is running") { load.factory.statements.heldCount == 1 }

        load.generator.update { $0.paused = true }
        #expect(load.queries == [0])
        load.factory.statements.release()
        await load.eventually("the statement counted, the worker idle") {
            load.queries == [1] && load.workers.first?.state == .idle
        }
        #expect(load.pool?.snapshot().inUse == 0)
        #expect(load.statements.count == 1)
        await load.finish()
    }

    @Test func aFailedStatementIsCountedAsTheWorkersError() async {
        let load = LoadFixture(LoadSettings(workers: 1, thinkTime: LoadFixture.think))
        load.factory.statements.failNext(1, message: "boom")
        load.generator.start()
        await load.eventually("one error") { load.workers.first?.errors == 1 }
        #expect(load.queries == [0])
        #expect(load.workers.first?.lastError == "boom")
        await load.sleeping(1)
        load.clock.advance(by: LoadFixture.think)
        await load.eventually("the next query succeeded") { load.queries == [1] }

        let measurement = load.generator.measure()
        #expect(measurement.totals.errors == 1)
        #expect(measurement.totals.queries == 1)
        await load.finish()
    }

    @Test func aCheckOutTimeoutIsCountedWithItsWait() async {
        let pool = PoolConfiguration(poolSize: 1, maxOverflow: 0, checkoutTimeout: .seconds(1))
        let load = LoadFixture(pool: pool, LoadSettings(workers: 2, thinkTime: LoadFixture.think))
        load.factory.statements.hold()
        load.generator.start()
        await load.eventually("one statement running, one worker waiting") {
            load.factory.statements.heldCount == 1 && load.pool?.snapshot().waiters.count == 1
        }
        load.clock.advance(by: .seconds(1))
        await load.eventually("one timeout") { load.workers.map(\.timeouts).reduce(0, +) == 1 }
        let waiter = load.workers.first { $0.timeouts == 1 }
        #expect(waiter?.longestWait == .seconds(1))
        #expect(waiter?.lastError?.contains("pool timeout") == true)
        #expect(load.queries.reduce(0, +) == 0)

        load.factory.statements.release()
        await load.eventually("the held statement counted") { load.queries.reduce(0, +) == 1 }
        #expect(load.generator.measure().totals.timeouts == 1)
        await load.finish()
    }
}
