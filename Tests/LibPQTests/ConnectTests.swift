import LibPQ
import Testing

@Suite struct ConnectTests {
    @Test func connectsByURL() async throws {
        let connection = try await PostgresConnection.connect(to: ConnectionTarget(testServer().url))
        defer { connection.close() }
        let result = try await connection.query("SELECT 1")
        #expect(result.rows == [["1"]])
        #expect(connection.backendPID > 0)
        #expect(connection.serverVersion >= 100_000)
        #expect(connection.isUsable)
    }

    @Test func connectsByConninfo() async throws {
        let connection = try await connectToTestServer()
        defer { connection.close() }
        let result = try await connection.query("SELECT pg_backend_pid()::text")
        #expect(result.rows == [[String(connection.backendPID)]])
    }

    @Test func applicationNameDefaultsToPooltop() async throws {
        let connection = try await connectToTestServer()
        defer { connection.close() }
        #expect(try await connection.query("SHOW application_name").rows == [["pooltop"]])
    }

    @Test func targetApplicationNameWins() async throws {
        let connection = try await PostgresConnection.connect(to: ConnectionTarget(testServer().conninfo + " application_name=mine"))
        defer { connection.close() }
        #expect(try await connection.query("SHOW application_name").rows == [["mine"]])
    }

    @Test func unreachableHostGivesAClearError() async throws {
        let target = try ConnectionTarget("postgresql://nobody:s3cretpw@127.0.0.1:1/x")
        await #expect {
            _ = try await PostgresConnection.connect(to: target)
        } throws: { error in
            guard let error = error as? PostgresError else { return false }
            return error.kind == .connectionFailed
                && error.message.hasPrefix("could not connect to postgresql://nobody:***@127.0.0.1:1/x: ")
                && error.message.contains("refused")
                && !error.message.contains("\n")
                && !error.message.contains("s3cretpw")
        }
    }

    @Test func wrongPasswordGivesAClearError() async throws {
        let admin = try await connectToTestServer()
        defer { admin.close() }
        let role = try await PasswordRole.create(using: admin)
        let (_, url) = try await testServer()
        let port = try #require(url.split(separator: ":").last?.split(separator: "/").first)
        let target = try ConnectionTarget("host=127.0.0.1 port=\(port) dbname=postgres user=\(role) password=wr0ngpass sslmode=disable")
        await #expect {
            _ = try await PostgresConnection.connect(to: target)
        } throws: { error in
            guard let error = error as? PostgresError else { return false }
            return error.kind == .connectionFailed
                && error.message.contains("password authentication failed")
                && error.message.contains("password=***")
                && !error.message.contains("wr0ngpass")
                && !error.message.contains("\n")
        }
        let right = try ConnectionTarget("host=127.0.0.1 port=\(port) dbname=postgres user=\(role) password=\(PasswordRole.password) sslmode=disable")
        let connection = try await PostgresConnection.connect(to: right)
        #expect(try await connection.query("SELECT current_user").rows == [[role]])
        connection.close()
        _ = try await admin.query("DROP ROLE \(role)")
    }

    @Test func closeIsIdempotent() async throws {
        let connection = try await connectToTestServer()
        connection.close()
        connection.close()
        #expect(!connection.isUsable)
        await #expect(throws: PostgresError.self) { try await connection.query("SELECT 1") }
    }
}
