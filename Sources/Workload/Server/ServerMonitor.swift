import LibPQ

/// Watches what the server sees (pg_stat_activity, max_connections, version) over its own connection, not
/// one of the pool's. Never throws: on any failure the snapshot is degraded with the reason, and the next
/// poll reconnects, until `close()`.
public actor ServerMonitor {
    /// The monitor's own session, and whether it may open one.
    private enum State {
        case disconnected
        case connected(PostgresConnection)
        /// `close()` was called: nothing connects again.
        case closed
    }

    private let target: ConnectionTarget
    private let applicationName: String
    private var state = State.disconnected
    /// Kept across reconnects, so a degraded snapshot still names the server.
    private var serverVersion: String?
    private var maxConnections: Int?

    public init(target: ConnectionTarget, applicationName: String = "pooltop-monitor") {
        self.target = target
        self.applicationName = applicationName
    }

    static let activityQuery = """
        SELECT pid, coalesce(application_name, ''), coalesce(state, ''), \
        CASE WHEN wait_event IS NULL THEN NULL ELSE wait_event_type || ':' || wait_event END, \
        left(coalesce(query, ''), 400), \
        CASE WHEN state = 'active' THEN extract(epoch FROM clock_timestamp() - query_start)::float8 END \
        FROM pg_stat_activity WHERE backend_type = 'client backend' ORDER BY pid
        """

    /// The server now, or a snapshot with `unavailable` set to why it cannot be seen.
    public func poll() async -> ServerSnapshot {
        do throws(PostgresError) {
            guard let connection = try await connected() else {
                return ServerSnapshot(serverVersion: serverVersion, maxConnections: maxConnections, unavailable: "n/a: monitor closed")
            }
            let result = try await connection.query(Self.activityQuery)
            let backends = result.rows.compactMap(Self.backend)
            return ServerSnapshot(serverVersion: serverVersion, maxConnections: maxConnections, connections: backends.count,
                                  backends: backends)
        } catch {
            if case .connected(let connection) = state, !connection.isUsable { disconnect() }
            let reason = error.kind == .connectionFailed || error.kind == .connectionLost ? "server unreachable" : error.message
            return ServerSnapshot(serverVersion: serverVersion, maxConnections: maxConnections, unavailable: "n/a: \(reason)")
        }
    }

    /// Asks the server to end a backend (`pg_terminate_backend`); nil on success, else the reason.
    public func terminate(pid: Int32) async -> String? {
        do throws(PostgresError) {
            guard let connection = try await connected() else { return "the server monitor is closed" }
            let result = try await connection.query("SELECT pg_terminate_backend($1)", [String(pid)])
            return result.rows.first?.first == "t" ? nil : "backend \(pid) was not terminated"
        } catch {
            return error.description
        }
    }

    /// Ends the monitor's session for good: later polls and terminations answer without connecting.
    public func close() {
        if case .connected(let connection) = state { connection.close() }
        state = .closed
    }

    /// The open session, opened if need be; nil once closed.
    private func connected() async throws(PostgresError) -> PostgresConnection? {
        switch state {
        case .closed: return nil
        case .connected(let connection) where connection.isUsable: return connection
        case .connected, .disconnected: disconnect()
        }
        let fresh = try await PostgresConnection.connect(to: target, timeout: .seconds(5), applicationName: applicationName)
        // The actor is re-entered while connecting: a close, or another caller's connect, may have come first.
        switch state {
        case .closed:
            fresh.close()
            return nil
        case .connected(let other):
            fresh.close()
            return other
        case .disconnected:
            state = .connected(fresh)
        }
        let settings = try await fresh.query("SELECT current_setting('server_version'), current_setting('max_connections')::int")
        if let row = settings.rows.first {
            serverVersion = row[0]
            maxConnections = row.count > 1 ? row[1].flatMap { Int($0) } : nil
        }
        return fresh
    }

    /// Drops a session (to reconnect at the next call); a closed monitor stays closed.
    private func disconnect() {
        guard case .connected(let connection) = state else { return }
        connection.close()
        state = .disconnected
    }

    static func backend(_ row: [String?]) -> ServerSnapshot.Backend? {
        guard row.count >= 6, let pidText = row[0], let pid = Int32(pidText) else { return nil }
        let queryFor = row[5].flatMap(Double.init).map { Duration.seconds(max(0, $0)) }
        return ServerSnapshot.Backend(pid: pid, applicationName: row[1] ?? "", state: row[2] ?? "", waitEvent: row[3],
                                      query: row[4] ?? "", queryFor: queryFor)
    }
}
