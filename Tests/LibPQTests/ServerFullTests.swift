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

/// How a failure reads for a pool: a refusal, a full server, a session the server ended.
@Suite struct FailureClassificationTests {
    @Test func nothingListeningIsARefusalNotAFullServer() async throws {
        // Port 1 on loopback: nothing listens there (only root could, and nothing here does).
        let target = try ConnectionTarget("host=127.0.0.1 port=1 dbname=postgres connect_timeout=2")
        await #expect {
            _ = try await PostgresConnection.connect(to: target)
        } throws: { error in
            guard let error = error as? PostgresError else { return false }
            return error.isRefusal && !error.isServerFull
        }
    }

    @Test func aServerEndingTheSessionIsALossInDBAWords() {
        let terminated = PostgresError(kind: .queryFailed, message: "terminating connection due to administrator command", sqlState: "57P01")
        #expect(terminated.endsSession)
        #expect(terminated.lossDescription.hasPrefix("terminated by administrator command"))
        let immediate = PostgresError(kind: .queryFailed, message: "terminating connection due to immediate shutdown command", sqlState: "57P01")
        #expect(immediate.lossDescription.hasPrefix("terminated: the server is shutting down"))
        #expect(PostgresError(kind: .queryFailed, message: "x", sqlState: "57P02").endsSession)
        #expect(!PostgresError(kind: .queryFailed, message: "canceling statement due to user request", sqlState: "57014").endsSession)
        #expect(PostgresError(kind: .connectionFailed, message: "starting up", sqlState: "57P03").isRefusal)
        #expect(!PostgresError(kind: .connectionFailed, message: "full", sqlState: "53300").isRefusal)
        #expect(!PostgresError(kind: .connectionFailed, message: "password", sqlState: "28P01").isRefusal)
    }
}
