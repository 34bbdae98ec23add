import ConnectionPool
import LibPQ

/// The load's statements on a libpq session; worker tasks follow their connections over the libpq loop threads.
extension PooledPostgresConnection: WorkloadConnection {
    nonisolated(nonsending) public func execute(_ sql: String, _ parameters: [String?]) async throws(PostgresError) {
        _ = try await connection.execute(sql, parameters)
    }

    public static var workerExecutor: (any TaskExecutor)? { PostgresConnection.followingEventLoopExecutor }
}
