import ConnectionPoolTestUtils
import Testing
@testable import Workload

/// No-pool mode on fakes: every query opens a connection, runs its statement on it and closes it.
@Suite struct NoPoolTests {
    @Test func everyQueryOpensRunsOnAndClosesItsOwnConnection() async {
        let load = LoadFixture(noPool: LoadSettings(workers: 2, thinkTime: LoadFixture.think))
        load.generator.start()
        await load.eventually("one query each") { load.queries == [1, 1] }
        await load.sleeping(2)
        load.clock.advance(by: LoadFixture.think)
        await load.eventually("two queries each") { load.queries == [2, 2] }
        await load.sleeping(2)

        let made = load.factory.made
        #expect(made.count == 4)
        #expect(made.allSatisfy { $0.isClosed })
        let log = load.factory.statements.log
        #expect(log.map(\.connection).sorted() == made.map(\.id))
        #expect(log.allSatisfy { $0.sql == "SELECT 1" })
        #expect(load.generator.mode == .noPool)
        #expect(load.generator.measure().connectionsOpened == 4)
        await load.finish()
    }

    @Test func aFailedConnectIsAnErrorAndTheWorkerTriesAgain() async {
        let load = LoadFixture(noPool: LoadSettings(workers: 1, thinkTime: LoadFixture.think))
        load.factory.failNextConnects(1, message: "connection refused")
        load.generator.start()
        await load.eventually("one error") { load.workers.first?.errors == 1 }
        #expect(load.workers.first?.lastError?.contains("connection refused") == true)
        // It backs off 10 ms, then thinks as after any query, then tries again.
        await load.sleeping(1)
        load.clock.advance(by: .milliseconds(10))
        await load.sleeping(1)
        #expect(load.factory.attempts == 1)
        load.clock.advance(by: LoadFixture.think)
        await load.eventually("the retry ran the query") { load.queries == [1] }
        #expect(load.factory.attempts == 2)
        #expect(load.factory.made.count == 1)
        await load.finish()
    }
}
