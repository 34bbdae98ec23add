import ConnectionPoolTestUtils
import Testing
@testable import Workload

/// The read-write mix's statements, on fakes.
@Suite struct ReadWriteTableTests {
    @Test func firstTransactionCreatesTheTableAndStopDropsIt() async {
        let load = LoadFixture(LoadSettings(workers: 1, thinkTime: LoadFixture.think, mix: QueryMix([.init(.readWrite)])))
        let table = load.generator.readWrite.name
        load.generator.start()
        await load.eventually("one transaction") { load.queries == [1] }
        #expect(load.statements == [
            "BEGIN", "SELECT pg_advisory_xact_lock(hashtext($1))",
            "CREATE UNLOGGED TABLE IF NOT EXISTS \(table) (id integer PRIMARY KEY, n bigint NOT NULL DEFAULT 0)",
            "INSERT INTO \(table) (id) SELECT generate_series(1, \(ReadWriteTable.rows)) ON CONFLICT DO NOTHING", "COMMIT",
            "BEGIN", "UPDATE \(table) SET n = n + 1 WHERE id = $1 RETURNING n", "COMMIT",
        ])
        await load.finish()
        #expect(load.statements.last == "DROP TABLE IF EXISTS \(table)")
    }

    @Test func aFailedUpdateIsRolledBackAndCountedAsAnError() async {
        let load = LoadFixture(LoadSettings(workers: 1, thinkTime: LoadFixture.think, mix: QueryMix([.init(.readWrite)])))
        let table = load.generator.readWrite.name
        load.generator.start()
        await load.eventually("one transaction") { load.queries == [1] }
        await load.sleeping(1)
        load.factory.statements.failNext(1, startingWith: "UPDATE", message: "deadlock detected")
        load.clock.advance(by: LoadFixture.think)
        await load.eventually("one error") { load.workers.first?.errors == 1 }
        #expect(load.workers.first?.lastError == "deadlock detected")
        #expect(Array(load.statements.suffix(3)) == ["BEGIN", "UPDATE \(table) SET n = n + 1 WHERE id = $1 RETURNING n", "ROLLBACK"])
        #expect(load.queries == [1])
        await load.finish()
    }
}
