import FaultProxy
import LibPQ
import Testing

/// The test proxy itself: it carries a session, and leaves nothing open once stopped or expired.
@Suite struct FaultProxyTests {
    @Test func stopClosesItsConnectionsAndItsPort() async throws {
        let proxy = try FaultProxy(targetPort: try await testServerPort())
        let target = try ConnectionTarget("host=127.0.0.1 port=\(proxy.port) dbname=postgres user=postgres sslmode=disable")
        let connection = try await PostgresConnection.connect(to: target)
        defer { connection.close() }
        #expect(try await connection.query("SELECT 1").rows == [["1"]])
        #expect(proxy.openConnections == 1)
        proxy.stop()
        proxy.stop()
        #expect(proxy.openConnections == 0)
        await #expect(throws: PostgresError.self) { try await connection.query("SELECT 1") }
        await #expect {
            _ = try await PostgresConnection.connect(to: target)
        } throws: { error in
            (error as? PostgresError)?.message.contains("refused") == true
        }
    }

    @Test func itStopsByItselfAtTheEndOfItsLifetime() async throws {
        let proxy = try FaultProxy(targetPort: try await testServerPort(), lifetime: .milliseconds(200))
        defer { proxy.stop() }
        let target = try ConnectionTarget("host=127.0.0.1 port=\(proxy.port) dbname=postgres user=postgres sslmode=disable")
        let deadline = ContinuousClock.now + .seconds(3)
        while ContinuousClock.now < deadline {
            do {
                let connection = try await PostgresConnection.connect(to: target, timeout: .seconds(1))
                connection.close()
                try await Task.sleep(for: .milliseconds(20))
            } catch {
                // A connect that meets the proxy closing is ended instead; the next one is refused.
                if (error as? PostgresError)?.message.contains("refused") == true { return }
            }
        }
        Issue.record("the port still did not refuse connections 3 s into the proxy's 200 ms lifetime")
    }
}
