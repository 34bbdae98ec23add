import ConnectionPool
import LibPQ

/// The SQL console's path to the server: one statement at a time, beside the load.
extension LoadSession {
    /// Runs one statement through the pool as holder "console" (or on its own connection in no-pool mode).
    public func runAdHoc(sql: String) async -> AdHocResult {
        let clock = ContinuousClock()
        let began = clock.now
        guard let pool else {
            let connection: PooledPostgresConnection
            do {
                connection = try await factory.makeConnection()
            } catch {
                return AdHocResult(sql: sql, error: "\(error)", waited: clock.now - began)
            }
            let waited = clock.now - began
            let started = clock.now
            let outcome = await Self.runCapturing(sql, on: connection.connection)
            let elapsed = clock.now - started
            await connection.close()
            return AdHocResult(sql: sql, outcome: outcome, waited: waited, elapsed: elapsed)
        }
        let lease: Lease<PooledPostgresConnection>
        do {
            lease = try await pool.checkOut(holder: "console")
        } catch {
            return AdHocResult(sql: sql, error: error.description, waited: clock.now - began)
        }
        pool.reportActivity(lease, query: sql)
        let started = clock.now
        let outcome = await Self.runCapturing(sql, on: lease.connection.connection)
        let elapsed = clock.now - started
        await pool.checkIn(lease)
        return AdHocResult(sql: sql, outcome: outcome, waited: lease.waited, elapsed: elapsed)
    }

    private static func runCapturing(_ sql: String, on connection: PostgresConnection) async -> Result<QueryResult, PostgresError> {
        do throws(PostgresError) {
            return .success(try await connection.query(sql))
        } catch {
            return .failure(error)
        }
    }
}
