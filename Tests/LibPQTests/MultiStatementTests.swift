import LibPQ
import Testing

/// `queryAll`: a string of statements in one simple-protocol message, answered as psql shows it: every result and
/// notice in the order the server sent them, up to the error that stopped the rest.
@Suite struct MultiStatementTests {
    private func tags(_ results: QueryResults) -> [String] { results.results.map(\.commandTag) }

    @Test func everyStatementsResultComesInOrder() async throws {
        let connection = try await connectToTestServer()
        defer { connection.close() }
        let answer = await connection.queryAll("""
            CREATE TEMP TABLE multi (v int); INSERT INTO multi SELECT generate_series(1, 3); SELECT 1 AS one;
            UPDATE multi SET v = v + 1; SELECT v FROM multi ORDER BY v
            """)
        #expect(answer.error == nil)
        #expect(tags(answer) == ["CREATE TABLE", "INSERT 0 3", "SELECT 1", "UPDATE 3", "SELECT 3"])
        try #require(answer.results.count == 5)
        #expect(answer.results[2].columns.map(\.name) == ["one"] && answer.results[2].rows == [["1"]])
        #expect(answer.results[4].rows == [["2"], ["3"], ["4"]])
        #expect(answer.outcome == .success(answer.results[4]), "the last result is what `query` gives")
    }

    /// libpq hands a notice over as it parses it, and it parses what follows a finished result up to the next
    /// result's first message: a statement's notice comes before its own result, and no earlier than the result of
    /// the statement before it (as psql prints them).
    @Test func noticesStandBeforeTheResultTheyCameWith() async throws {
        let connection = try await connectToTestServer()
        defer { connection.close() }
        let answer = await connection.queryAll("""
            DO $$ BEGIN RAISE NOTICE 'first'; END $$; SELECT 1; SELECT 2;
            DO $$ BEGIN RAISE WARNING 'second' USING HINT = 'mind it'; END $$; SELECT 3
            """)
        #expect(answer.error == nil)
        #expect(tags(answer) == ["DO", "SELECT 1", "SELECT 1", "DO", "SELECT 1"])
        func index(of notice: String) -> Int? {
            answer.items.firstIndex { if case .notice(let message) = $0 { message.message == notice } else { false } }
        }
        let results = answer.items.indices.filter { if case .result = answer.items[$0] { true } else { false } }
        let first = try #require(index(of: "first"))
        let second = try #require(index(of: "second"))
        #expect(first < results[0], "a notice comes before its statement's result")
        #expect(second > results[1] && second < results[3], "the warning stands between the results around its statement")
        #expect(answer.notices.map(\.severity) == ["NOTICE", "WARNING"] && answer.notices.last?.hint == "mind it")
        #expect(connection.takeNotices().isEmpty, "the notices went with the results, not to the inbox")
    }

    @Test func anErrorStopsTheRestAfterTheResultsBeforeIt() async throws {
        let connection = try await connectToTestServer()
        defer { connection.close() }
        let statement = "SELECT 1 AS a; SELECT nope; SELECT 3"
        let answer = await connection.queryAll(statement)
        #expect(tags(answer) == ["SELECT 1"], "the statement after the error did not run")
        #expect(answer.error?.sqlState == "42703" && answer.error?.kind == .queryFailed)
        #expect(answer.error?.position == 23, "the position counts in the whole string")
        #expect(connection.isUsable)
        #expect(try await connection.query("SELECT 4").rows == [["4"]])
    }

    @Test func eachResultKeepsAtMostTheRowLimitAndCountsThemAll() async throws {
        let connection = try await connectToTestServer()
        defer { connection.close() }
        let answer = await connection.queryAll("SELECT generate_series(1, 200000); SELECT generate_series(1, 5)", rowLimit: 1000)
        try #require(answer.results.count == 2)
        #expect(answer.results.map(\.rows.count) == [1000, 5])
        #expect(answer.results.map(\.totalRows) == [200_000, 5])
        #expect(answer.results[0].rows.last == ["1000"])
    }

    @Test func aLostConnectionEndsTheAnswerAfterWhatCameBefore() async throws {
        let connection = try await connectToTestServer()
        defer { connection.close() }
        let answer = await connection.queryAll("SELECT 1 AS a; SELECT pg_terminate_backend(pg_backend_pid()) AS t; SELECT 2 AS b")
        let columns = answer.results.map { $0.columns.first?.name ?? "" }
        #expect(columns.first == "a" && !columns.contains("b"), "what came before the loss is kept, nothing after it ran: \(columns)")
        #expect(answer.error?.kind == .connectionLost)
        #expect(!connection.isUsable)
    }
}
