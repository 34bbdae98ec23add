import ConnectionPool
import LibPQ

/// The load's statements on a libpq session.
extension PooledPostgresConnection: WorkloadConnection {
    nonisolated(nonsending) public func execute(_ sql: String, _ parameters: [String?]) async throws(PostgresError) {
        _ = try await connection.execute(sql, parameters)
    }

    /// Workers run on the libpq loop threads and follow their connection: a result resumes its worker on the loop
    /// that read it (awake anyway), so a connection's queries stay on one thread while the work spreads over all
    /// loops. In no-pool mode a worker follows each connection it opens, handshake (SCRAM's CPU) included.
    public static var workerExecutor: (any TaskExecutor)? { PostgresConnection.followingEventLoopExecutor }
}
