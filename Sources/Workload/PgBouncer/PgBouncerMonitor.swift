import ConnectionPool
import LibPQ

/// Watches a pgbouncer through its admin console (database `pgbouncer`): SHOW POOLS, SHOW CLIENTS and SHOW SERVERS
/// over one session of its own, in the simple query protocol (the console speaks no other; `query` without
/// parameters uses it). Reconnects by itself with the server monitor's rules (`MonitorStateMachine`: a lost
/// session is retried at once, then a back-off capped at 2 s), until `close()`. Never throws: a poll it cannot
/// answer is degraded with the reason ("n/a: pgbouncer unreachable — …").
public actor PgBouncerMonitor {
    private let target: ConnectionTarget
    private let applicationName: String
    public nonisolated let clock: any PoolClock
    /// Runs beside each admin statement: a dead link costs a poll at most the default bound.
    private let watchdog = LinkWatchdog(bound: PostgresConnection.defaultDeadLinkTimeout)
    private var machine = MonitorStateMachine<PostgresConnection>()
    private var version: String?
    private var samples: [PgBouncerSample] = []
    /// Told but not yet taken, oldest first (bounded).
    private var pending: [ServerEvent] = []
    /// Polls kept for the charts: ten minutes at one a second.
    public static let sampleLimit = 600

    public init(target: ConnectionTarget, applicationName: String = "pooltop-pgbouncer", clock: any PoolClock = ContinuousPoolClock()) {
        self.target = target
        self.applicationName = applicationName
        self.clock = clock
    }

    /// pgbouncer now, or a snapshot with `unavailable` set to why it cannot be seen. A session found lost is
    /// replaced within the same poll when pgbouncer still answers.
    public func poll() async -> PgBouncerSnapshot {
        for _ in 1...2 {
            guard let connection = await session() else { return degraded(nil) }
            do throws(PostgresError) {
                let pools = PgBouncerPool.pools(in: AdminTable(try await connection.query("SHOW POOLS", watchedBy: watchdog)))
                let clients = PgBouncerPeer.peers(in: AdminTable(try await connection.query("SHOW CLIENTS", watchedBy: watchdog)))
                let servers = PgBouncerPeer.peers(in: AdminTable(try await connection.query("SHOW SERVERS", watchedBy: watchdog)))
                let snapshot = PgBouncerSnapshot(version: version, pools: pools, clients: clients,
                                                 links: PgBouncerLink.join(servers: servers, clients: clients), reachability: machine.reachability)
                samples.append(PgBouncerSample(at: clock.now, pools: snapshot.servingPools))
                if samples.count > Self.sampleLimit { samples.removeFirst(samples.count - Self.sampleLimit) }
                var answered = snapshot
                answered.samples = samples
                return answered
            } catch {
                guard error.kind == .connectionLost || error.kind == .connectionFailed || !connection.isUsable else {
                    return degraded("pgbouncer refused the admin query — \(error.message)")
                }
                lose(connection, reason: UnreachableReason.text(for: error))
            }
        }
        return degraded(nil)
    }

    /// What happened since the last call (pgbouncer unreachable, back), oldest first, on the monitor's clock.
    public func takeEvents() -> [ServerEvent] {
        defer { pending.removeAll() }
        return pending
    }

    /// Ends the monitor's session for good: later polls answer without connecting.
    public func close() {
        machine.close()?.close()
    }

    /// The open session, opened if the back-off allows; nil when there is none to use.
    private func session() async -> PostgresConnection? {
        switch machine.use(at: clock.now) {
        case .closed, .wait: return nil
        case .existing(let connection) where connection.isUsable: return connection
        case .existing(let connection):
            lose(connection, reason: "connection lost")
            if case .wait = machine.use(at: clock.now) { return nil }
        case .connect: break
        }
        do throws(PostgresError) {
            let fresh = try await PostgresConnection.connect(to: target, timeout: .seconds(5), applicationName: applicationName, watchdog: watchdog)
            // 1.18 answers SHOW VERSION with a row; older versions with a notice only.
            let shown = try? await fresh.query("SHOW VERSION", watchedBy: watchdog).rows.first?.first ?? nil
            // The actor is re-entered while connecting: a close, or another caller's connect, may have come first.
            let outcome = machine.established(fresh, at: clock.now, postmasterStart: nil)
            outcome.discard?.close()
            tell(outcome.events)
            if outcome.use === fresh, let shown { version = shown }
            return outcome.use
        } catch {
            let outcome = machine.failed(at: clock.now, reason: UnreachableReason.text(for: error))
            outcome.discard?.close()
            tell(outcome.events)
            return nil
        }
    }

    private func lose(_ connection: PostgresConnection, reason: String) {
        let outcome = machine.failed(connection, at: clock.now, reason: reason)
        outcome.discard?.close()
        tell(outcome.events)
    }

    /// Keeps what the rules told, as pgbouncer's events (the newest 100).
    private func tell(_ events: [ServerEvent]) {
        pending.append(contentsOf: events.map { ServerEvent(at: $0.at, kind: $0.kind, subject: .pgbouncer) })
        if pending.count > 100 { pending.removeFirst(pending.count - 100) }
    }

    /// A snapshot that keeps the version and the charts' history and says why the rest is missing.
    private func degraded(_ detail: String?) -> PgBouncerSnapshot {
        let reason = machine.reachability.unavailableReason("pgbouncer", closed: "pgbouncer monitor closed", detail: detail)
        return PgBouncerSnapshot(version: version, samples: samples, unavailable: "n/a: \(reason)", reachability: machine.reachability)
    }
}
