import ConnectionPool
import LibPQ

/// Opens PostgreSQL sessions for the pool: where ConnectionPool (which knows no database) meets libpq.
public struct PostgresConnectionFactory: ConnectionFactory {
    public let target: ConnectionTarget
    public let connectTimeout: Duration
    /// Shown in pg_stat_activity.application_name.
    public let applicationName: String
    /// Watches every connection it opens for a dead link (nil: no bound). Its owner runs it (`LinkWatchdog.run()`)
    /// while the connections live: `LoadSession` from its start to its stop.
    public let watchdog: LinkWatchdog?

    /// How long a statement may wait on a link that gives no sign of life (nil: no bound; see `LinkWatchdog`).
    public var deadLinkTimeout: Duration? { watchdog?.bound }

    public init(
        target: ConnectionTarget, connectTimeout: Duration = .seconds(10), applicationName: String = "pooltop",
        watchdog: LinkWatchdog? = nil
    ) {
        self.target = target
        self.connectTimeout = connectTimeout
        self.applicationName = applicationName
        self.watchdog = watchdog
    }

    public func makeConnection() async throws -> PooledPostgresConnection {
        let connection = try await PostgresConnection.connect(
            to: target, timeout: connectTimeout, applicationName: applicationName, watchdog: watchdog)
        return PooledPostgresConnection(connection)
    }

    /// 53300 is a full server; a refusal (nothing listening, or starting or shutting down) costs the server nothing.
    public func classify(connectError: any Error) -> ConnectFailure {
        guard let error = connectError as? PostgresError else { return .other }
        if error.isServerFull { return .serverFull }
        return error.isRefusal ? .refused : .other
    }
}

/// A libpq session as the pool sees it: usable or not, its backend pid, ping, reset, close.
public final class PooledPostgresConnection: PoolableConnection {
    public let connection: PostgresConnection

    public init(_ connection: PostgresConnection) {
        self.connection = connection
    }

    public var isUsable: Bool { connection.isUsable }

    public var backendPID: Int32? { connection.backendPID }

    public var lossDescription: String? { connection.loss?.lossDescription }

    public func ping() async throws {
        _ = try await connection.query("SELECT 1")
    }

    /// `.rollback` sends ROLLBACK only when a transaction is open (libpq knows without a round trip),
    /// as drivers do; `.discardAll` always sends DISCARD ALL, after a ROLLBACK if a transaction is open.
    public func reset(_ mode: ResetMode) async throws {
        switch mode {
        case .none:
            return
        case .rollback:
            if connection.transactionStatus != .idle { _ = try await connection.query("ROLLBACK") }
        case .discardAll:
            if connection.transactionStatus != .idle { _ = try await connection.query("ROLLBACK") }
            _ = try await connection.query("DISCARD ALL")
        }
    }

    /// ROLLBACK is needed only inside a transaction (libpq knows without a round trip); DISCARD ALL always.
    public func needsReset(_ mode: ResetMode) -> Bool {
        switch mode {
        case .none: return false
        case .rollback: return connection.transactionStatus != .idle
        case .discardAll: return true
        }
    }

    public func close() async {
        connection.close()
    }
}
