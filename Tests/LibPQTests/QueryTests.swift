import LibPQ
import Testing

@Suite struct QueryTests {
    @Test func selectReturnsColumnsRowsAndTag() async throws {
        let connection = try await connectToTestServer()
        defer { connection.close() }
        let result = try await connection.query("SELECT 1 AS one, 'a'::text AS letter UNION ALL SELECT 2, NULL")
        #expect(result.columns == [.init(name: "one", typeOID: 23), .init(name: "letter", typeOID: 25)])
        #expect(result.rows == [["1", "a"], ["2", nil]])
        #expect(result.commandTag == "SELECT 2")
        #expect(result.rowsAffected == 2)
    }

    @Test func commandsReportTagAndRowsAffected() async throws {
        let connection = try await connectToTestServer()
        defer { connection.close() }
        _ = try await connection.query("CREATE TEMP TABLE t (v int)")
        let insert = try await connection.query("INSERT INTO t SELECT generate_series(1, 3)")
        #expect(insert.commandTag == "INSERT 0 3")
        #expect(insert.rowsAffected == 3)
        #expect(insert.columns.isEmpty)
        let create = try await connection.query("CREATE TEMP TABLE u (v int)")
        #expect(create.rowsAffected == nil)
    }

    @Test func syntaxErrorCarriesSQLStateAndPosition() async throws {
        let connection = try await connectToTestServer()
        defer { connection.close() }
        await #expect {
            _ = try await connection.query("SELECT 1 FROM WHERE")
        } throws: { error in
            guard let error = error as? PostgresError else { return false }
            return error.kind == .queryFailed && error.sqlState == "42601" && error.position == 15
                && error.severity == "ERROR" && error.message.contains("syntax error")
        }
        #expect(connection.isUsable)
        #expect(try await connection.query("SELECT 2").rows == [["2"]])
    }

    @Test func errorCarriesDetailAndHint() async throws {
        let connection = try await connectToTestServer()
        defer { connection.close() }
        await #expect {
            _ = try await connection.query("DO $$ BEGIN RAISE EXCEPTION 'boom' USING DETAIL = 'the detail', HINT = 'the hint', ERRCODE = '22012'; END $$")
        } throws: { error in
            guard let error = error as? PostgresError else { return false }
            return error.message == "boom" && error.detail == "the detail" && error.hint == "the hint" && error.sqlState == "22012"
        }
    }

    @Test func parametersRoundTripNullAndNonASCIIText() async throws {
        let connection = try await connectToTestServer()
        defer { connection.close() }
        let values: [String?] = ["héllo wörld ✓ 日本語 🐘", nil, "", "it's \"quoted\" \\ back"]
        let result = try await connection.query("SELECT $1::text, $2::text, $3::text, $4::text, $2 IS NULL", values)
        #expect(result.rows == [values + ["t"]])
    }

    @Test func transactionStatusFollowsTheSession() async throws {
        let connection = try await connectToTestServer()
        defer { connection.close() }
        #expect(connection.transactionStatus == .idle)
        _ = try await connection.query("BEGIN")
        #expect(connection.transactionStatus == .inTransaction)
        _ = try? await connection.query("SELECT 1/0")
        #expect(connection.transactionStatus == .inFailedTransaction)
        _ = try await connection.query("ROLLBACK")
        #expect(connection.transactionStatus == .idle)
    }

    @Test func multipleStatementsReturnTheLastResult() async throws {
        let connection = try await connectToTestServer()
        defer { connection.close() }
        #expect(try await connection.query("SELECT 1; SELECT 2, 3").rows == [["2", "3"]])
    }

    @Test func largeResultArrivesWhole() async throws {
        let connection = try await connectToTestServer()
        defer { connection.close() }
        let result = try await connection.query("SELECT i, repeat('x', 100) FROM generate_series(1, 20000) AS i")
        #expect(result.rows.count == 20000)
        #expect(result.rows.last == ["20000", String(repeating: "x", count: 100)])
    }

    @Test func largeStatementIsSentWhole() async throws {
        let connection = try await connectToTestServer()
        defer { connection.close() }
        let big = String(repeating: "y", count: 4_000_000)
        #expect(try await connection.query("SELECT length($1)", [big]).rows == [["4000000"]])
    }

    @Test func concurrentQueryOnOneConnectionIsRefused() async throws {
        let connection = try await connectToTestServer()
        defer { connection.close() }
        let sleeper = Task { try await connection.query("SELECT pg_sleep(0.5)") }
        while connection.transactionStatus != .active { await Task.yield() }
        await #expect {
            _ = try await connection.query("SELECT 1")
        } throws: { error in
            (error as? PostgresError)?.message.contains("another query is already running") == true
        }
        _ = try await sleeper.value
        #expect(try await connection.query("SELECT 1").rows == [["1"]])
    }

    @Test func copyIsRefusedAndTheConnectionStaysUsable() async throws {
        let connection = try await connectToTestServer()
        defer { connection.close() }
        await #expect(throws: PostgresError.self) { try await connection.query("COPY (SELECT 1) TO STDOUT") }
        await #expect(throws: PostgresError.self) { try await connection.query("CREATE TEMP TABLE c (v int); COPY c FROM STDIN") }
        #expect(try await connection.query("SELECT 1").rows == [["1"]])
    }
}
