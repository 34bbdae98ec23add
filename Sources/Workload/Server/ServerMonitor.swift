import ConnectionPool
import LibPQ

/// Watches what the server sees (pg_stat_activity, max_connections, version, postmaster start time) over its
/// own session, not one of the pool's. It reconnects by itself: a lost or refused session starts a back-off
/// (capped at 2 s, `MonitorStateMachine`) and the next poll after it tries again, until `close()`. Never throws:
/// a snapshot it cannot take is degraded with the reason, and what happened is told by `takeEvents()`.
public actor ServerMonitor {
    private let target: ConnectionTarget
    private let applicationName: String
    /// Runs beside each of the session's statements (nil: no dead-link bound).
    private let watchdog: LinkWatchdog?
    /// The monitor's time: reachability and events are stamped with it.
    public nonisolated let clock: any PoolClock
    private var machine = MonitorStateMachine<PostgresConnection>()
    /// Told but not yet taken, oldest first (bounded).
    private var pending: [ServerEvent] = []
    /// Kept across reconnects, so a degraded snapshot still names the server.
    private var serverVersion: String?
    private var maxConnections: Int?

    /// Its session's statements are abandoned after `deadLinkTimeout` without a sign of life on the link (nil: never).
    public init(target: ConnectionTarget, applicationName: String = "pooltop-monitor", clock: any PoolClock = ContinuousPoolClock(),
                deadLinkTimeout: Duration? = PostgresConnection.defaultDeadLinkTimeout) {
        self.target = target
        self.applicationName = applicationName
        self.clock = clock
        watchdog = deadLinkTimeout.map { LinkWatchdog(bound: $0) }
    }

    static let activityQuery = """
        SELECT pid, coalesce(application_name, ''), coalesce(state, ''), \
        CASE WHEN wait_event IS NULL THEN NULL ELSE wait_event_type || ':' || wait_event END, \
        left(coalesce(query, ''), 400), \
        CASE WHEN state = 'active' THEN extract(epoch FROM clock_timestamp() - query_start)::float8 END \
        FROM pg_stat_activity WHERE backend_type = 'client backend' ORDER BY pid
        """
    static let settingsQuery = """
        SELECT current_setting('server_version'), current_setting('max_connections')::int, pg_postmaster_start_time()::text
        """

    /// The server now, or a snapshot with `unavailable` set to why it cannot be seen.
    /// A session found lost is replaced within the same poll when the server still answers.
    public func poll() async -> ServerSnapshot {
        switch await read(Self.activityQuery) {
        case .success(let result):
            let backends = result.rows.compactMap(Self.backend)
            tell(machine.observed(connections: backends.count, maximum: maxConnections, at: clock.now))
            return ServerSnapshot(serverVersion: serverVersion, maxConnections: maxConnections, connections: backends.count,
                                  backends: backends, reachability: machine.reachability)
        case .failure(let unavailable):
            return ServerSnapshot(serverVersion: serverVersion, maxConnections: maxConnections, unavailable: unavailable.reason,
                                  reachability: machine.reachability)
        }
    }

    /// Why a read has no answer, as the server panels say it: "n/a: server unreachable — connection refused".
    public struct Unavailable: Error, Sendable, Equatable {
        public var reason: String
    }

    /// Runs `query` over the monitor's session, connecting when the back-off allows; a session found lost is
    /// replaced within the same read when the server still answers. Fails with the reason the panels show.
    public func read(_ query: String, _ parameters: [String?] = []) async -> Result<QueryResult, Unavailable> {
        for _ in 1...2 {
            let connection: PostgresConnection
            switch await session() {
            case .success(let open): connection = open
            case .failure: return .failure(unavailable(nil))
            }
            do throws(PostgresError) {
                return .success(try await connection.query(query, parameters, watchedBy: watchdog))
            } catch {
                guard isLoss(error, of: connection) else { return .failure(unavailable(error.message)) }
                lose(connection, reason: UnreachableReason.text(for: error))
            }
        }
        return .failure(unavailable(nil))
    }

    /// Whether the monitor reaches the server, on its clock.
    public var reachability: ServerReachability { machine.reachability }

    /// Asks the server to end a backend (`pg_terminate_backend`); nil on success, else the reason.
    public func terminate(pid: Int32) async -> String? {
        let connection: PostgresConnection
        switch await session() {
        case .success(let open): connection = open
        case .failure(let reason): return reason.isClosed ? "the server monitor is closed" : "server unreachable: \(reason.text)"
        }
        do throws(PostgresError) {
            let result = try await connection.query("SELECT pg_terminate_backend($1)", [String(pid)], watchedBy: watchdog)
            return result.rows.first?.first == "t" ? nil : "backend \(pid) was not terminated"
        } catch {
            if isLoss(error, of: connection) { lose(connection, reason: UnreachableReason.text(for: error)) }
            return error.description
        }
    }

    /// What happened since the last call (server unreachable, back, restarted, near max_connections), oldest first.
    public func takeEvents() -> [ServerEvent] {
        defer { pending.removeAll() }
        return pending
    }

    /// Ends the monitor's session for good: later polls and terminations answer without connecting.
    public func close() {
        machine.close()?.close()
    }

    /// Why there is no session to use.
    private struct NoSession: Error {
        var text: String
        var isClosed = false
    }

    /// The open session, opened if the back-off allows; else why not.
    private func session() async -> Result<PostgresConnection, NoSession> {
        switch machine.use(at: clock.now) {
        case .closed: return .failure(NoSession(text: "monitor closed", isClosed: true))
        case .wait(_, let reason): return .failure(NoSession(text: reason))
        case .existing(let connection) where connection.isUsable: return .success(connection)
        case .existing(let connection):
            // Found lost outside a query (e.g. by the link watchdog): replaced at once, as after a failed query.
            lose(connection, reason: "connection lost")
        case .connect: break
        }
        do throws(PostgresError) {
            let fresh = try await PostgresConnection.connect(to: target, timeout: .seconds(5), applicationName: applicationName,
                                                             watchdog: watchdog)
            let settings: [String?]
            do throws(PostgresError) {
                settings = try await fresh.query(Self.settingsQuery, watchedBy: watchdog).rows.first ?? []
            } catch {
                fresh.close()
                throw error
            }
            // The actor is re-entered while connecting: a close, or another caller's connect, may have come first.
            let outcome = machine.established(fresh, at: clock.now, postmasterStart: settings.count > 2 ? settings[2] : nil)
            outcome.discard?.close()
            guard let connection = outcome.use else { return .failure(NoSession(text: "monitor closed", isClosed: true)) }
            if connection === fresh, !settings.isEmpty {
                serverVersion = settings[0]
                maxConnections = settings.count > 1 ? settings[1].flatMap { Int($0) } : nil
            }
            tell(outcome.events)
            return .success(connection)
        } catch {
            let reason = UnreachableReason.text(for: error)
            let outcome = machine.failed(at: clock.now, reason: reason)
            outcome.discard?.close()
            tell(outcome.events)
            return .failure(NoSession(text: reason))
        }
    }

    /// A failure that means the session is gone (as opposed to a query the server refused).
    private func isLoss(_ error: PostgresError, of connection: PostgresConnection) -> Bool {
        error.kind == .connectionLost || error.kind == .connectionFailed || !connection.isUsable
    }

    private func lose(_ connection: PostgresConnection, reason: String) {
        let outcome = machine.failed(connection, at: clock.now, reason: reason)
        outcome.discard?.close()
        tell(outcome.events)
    }

    private func tell(_ events: [ServerEvent]) {
        pending.append(contentsOf: events)
        if pending.count > 100 { pending.removeFirst(pending.count - 100) }
    }

    /// Why the server cannot be read: `detail`, or the reachability's reason.
    private func unavailable(_ detail: String?) -> Unavailable {
        Unavailable(reason: "n/a: " + machine.reachability.unavailableReason("server", closed: "monitor closed", detail: detail))
    }

    static func backend(_ row: [String?]) -> ServerSnapshot.Backend? {
        guard row.count >= 6, let pidText = row[0], let pid = Int32(pidText) else { return nil }
        let queryFor = row[5].flatMap(Double.init).map { Duration.seconds(max(0, $0)) }
        return ServerSnapshot.Backend(pid: pid, applicationName: row[1] ?? "", state: row[2] ?? "", waitEvent: row[3],
                                      query: row[4] ?? "", queryFor: queryFor)
    }
}
