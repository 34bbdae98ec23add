import ConnectionPool
import LibPQ
import Testing
import Workload

/// Several statements on one console line, through the pool against the real server: every result in order, the
/// string as one implicit transaction (psql -c's semantics: an error undoes the statements before it), a BEGIN in
/// the string keeping the lease, and big results cut per result.
@Suite struct ConsoleMultiStatementTests {
    private func start() async throws -> LoadSession {
        try await LoadSession.start(
            target: try await serverTarget(), configuration: .sqlalchemy, settings: LoadSettings(workers: 0, paused: true),
            applicationName: uniqueName("console_multi"))
    }

    @Test func everyStatementAnswersInOrderAndAnErrorStopsAndUndoesTheString() async throws {
        let session = try await start()
        let console = ConsoleSession(session: session)
        let table = uniqueName("multi")
        _ = await console.run("CREATE TABLE \(table) (v int); INSERT INTO \(table) SELECT generate_series(1, 3)")
        let answer = await console.run("SELECT 1 AS one; UPDATE \(table) SET v = v + 10; SELECT sum(v) AS total FROM \(table)")
        #expect(answer.results.error == nil)
        #expect(answer.results.results.map(\.commandTag) == ["SELECT 1", "UPDATE 3", "SELECT 1"])
        #expect(answer.results.results.last?.rows == [["36"]])

        let failed = await console.run("UPDATE \(table) SET v = 0; SELECT 1/0; SELECT 2")
        #expect(failed.results.results.map(\.commandTag) == ["UPDATE 3"], "the result before the error, none after it")
        #expect(failed.results.error?.sqlState == "22012")
        #expect(!failed.cancelled && failed.transaction == .idle)
        let after = await console.run("SELECT sum(v) FROM \(table)")
        #expect(try after.result.get().rows == [["36"]], "the failed string ran as one transaction and was undone")
        _ = await console.run("DROP TABLE \(table)")
        await session.stop()
    }

    @Test func aBeginInTheStringKeepsTheLeaseUntilTheTransactionEnds() async throws {
        let session = try await start()
        let pool = try #require(session.pool)
        let console = ConsoleSession(session: session)
        let begun = await console.run("BEGIN; SELECT 1; SELECT 2")
        #expect(begun.results.results.count == 3 && begun.transaction == .inTransaction)
        #expect(console.holdsConnection)
        #expect(pool.snapshot().slots.filter { $0.holder == ConsoleSession.holder }.count == 1)
        let ended = await console.run("SELECT 3; COMMIT")
        #expect(ended.transaction == .idle && !console.holdsConnection)
        await session.stop()
    }

    @Test func eachResultKeepsAtMostTheRowLimit() async throws {
        let session = try await start()
        let console = ConsoleSession(session: session)
        let answer = await console.run("SELECT generate_series(1, 200000) AS n; SELECT 'after' AS word")
        let results = answer.results.results
        try #require(results.count == 2)
        #expect(results[0].rows.count == ConsoleOutcome.rowLimit && results[0].totalRows == 200_000)
        #expect(results[1].rows == [["after"]])
        await session.stop()
    }
}
