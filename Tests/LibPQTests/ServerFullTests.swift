@testable import LibPQ
import Testing

/// SQLSTATE 53300 at connect: a server (or role) that has no room left says so in a way a pool can tell.
@Suite struct ServerFullTests {
    @Test func aRoleAtItsConnectionLimitIsServerFull() async throws {
        let admin = try await connectToTestServer()
        defer { admin.close() }
        let role = "pooltop_limited_\(UInt32.random(in: 0...UInt32.max))"
        _ = try await admin.query("CREATE ROLE \(role) LOGIN CONNECTION LIMIT 1")
        let (conninfo, _) = try await testServer()
        let target = try ConnectionTarget(conninfo + " user=\(role)")
        let first = try await PostgresConnection.connect(to: target)
        await #expect {
            _ = try await PostgresConnection.connect(to: target)
        } throws: { error in
            guard let error = error as? PostgresError else { return false }
            return error.kind == .connectionFailed && error.sqlState == "53300" && error.isServerFull
                && error.message.contains("too many connections for role")
                && !error.message.contains("53300") && !error.message.contains("LOCATION")
        }
        first.close()
        _ = try await admin.query("DROP ROLE \(role)")
    }

    @Test func verboseHandshakeTextGivesTheCodeAndTheUsualMessage() {
        let text = HandshakeErrorText(verbose: """
            connection to server at "127.0.0.1", port 5432 failed: FATAL:  53300: sorry, too many clients already
            LOCATION:  InitProcess, proc.c:359

            """)
        #expect(text.sqlState == "53300")
        #expect(text.message == #"connection to server at "127.0.0.1", port 5432 failed: FATAL:  sorry, too many clients already"#)
    }

    @Test func aFailureWithoutAServerErrorHasNoCode() {
        let text = HandshakeErrorText(verbose: """
            connection to server at "127.0.0.1", port 1 failed: Connection refused
            \tIs the server running on that host and accepting TCP/IP connections?

            """)
        #expect(text.sqlState == nil)
        #expect(text.message == #"connection to server at "127.0.0.1", port 1 failed: Connection refused Is the server running on that host and accepting TCP/IP connections?"#)
    }
}
