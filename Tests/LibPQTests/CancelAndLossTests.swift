import LibPQ
import Testing

@Suite struct CancelAndLossTests {
    @Test func cancelEndsASleepWithin1Second() async throws {
        let connection = try await connectToTestServer()
        defer { connection.close() }
        let sleeper = Task { try await connection.query("SELECT pg_sleep(10)") }
        try await waitUntilRunning("pg_sleep(10)", pid: connection.backendPID)
        // Timed from the cancel request: how long the sleep took to start is not what is measured.
        let clock = ContinuousClock()
        let started = clock.now
        connection.cancel()
        let outcome = await sleeper.result
        let elapsed = clock.now - started
        #expect(throws: PostgresError.self) { try outcome.get() }
        if case .failure(let error as PostgresError) = outcome {
            #expect(error.sqlState == "57014")
            #expect(error.kind == .queryFailed)
        }
        #expect(elapsed < .seconds(1))
        #expect(connection.isUsable)
        #expect(try await connection.query("SELECT 1").rows == [["1"]])
    }

    @Test func terminatedBackendIsReportedAsConnectionLoss() async throws {
        let victim = try await connectToTestServer()
        defer { victim.close() }
        let admin = try await connectToTestServer()
        defer { admin.close() }
        _ = try await admin.query("SELECT pg_terminate_backend($1)", [String(victim.backendPID)])
        await #expect {
            _ = try await victim.query("SELECT 1")
        } throws: { error in
            (error as? PostgresError)?.kind == .connectionLost
        }
        #expect(!victim.isUsable)
    }

    @Test func backendTerminatedMidQueryIsReportedAsConnectionLoss() async throws {
        let victim = try await connectToTestServer()
        defer { victim.close() }
        let admin = try await connectToTestServer()
        defer { admin.close() }
        let sleeper = Task { try await victim.query("SELECT pg_sleep(10)") }
        try await waitUntilRunning("pg_sleep(10)", pid: victim.backendPID)
        _ = try await admin.query("SELECT pg_terminate_backend($1)", [String(victim.backendPID)])
        await #expect {
            _ = try await sleeper.value
        } throws: { error in
            guard let error = error as? PostgresError else { return false }
            return error.kind == .connectionLost && error.sqlState == "57P01"
        }
        #expect(!victim.isUsable)
        await #expect(throws: PostgresError.self) { try await victim.query("SELECT 1") }
    }

    @Test func closeDuringAQueryFailsIt() async throws {
        let connection = try await connectToTestServer()
        let sleeper = Task { try await connection.query("SELECT pg_sleep(10)") }
        try await waitUntilRunning("pg_sleep(10)", pid: connection.backendPID)
        connection.close()
        await #expect {
            _ = try await sleeper.value
        } throws: { error in
            (error as? PostgresError)?.kind == .connectionLost
        }
        #expect(!connection.isUsable)
    }
}
