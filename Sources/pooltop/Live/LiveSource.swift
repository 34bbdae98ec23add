import ConnectionPool
import Inspector
import Synchronization
import Workload

/// The screen's window on a running load session: snapshots of the pool, the load and the server,
/// and the commands the keys send. The server (and the `--pgbouncer` console) are polled by child tasks of
/// `pollingServer(during:)`, so a slow or lost server never delays a frame.
final class LiveSource: InspectorSource {
    let session: LoadSession
    /// The SQL console's statements, holder "console" in the pool.
    private let console: ConsoleSession
    private let monitor: ServerMonitor
    private let target: String
    private let server: MonitorPoller<ServerMonitor>
    /// The pgbouncer watched with `--pgbouncer`, polled beside the server.
    private let pgbouncer: MonitorPoller<PgBouncerMonitor>?
    private let started = ContinuousClock.now
    /// The pool's notable events seen so far (bounded); `collect()` reaches them.
    private let events = Mutex(RecentEvents())

    /// `target` is the display form (password masked); the server is polled every `serverInterval`.
    init(session: LoadSession, monitor: ServerMonitor, target: String, serverInterval: Duration = .seconds(1),
         pgbouncer: PgBouncerMonitor? = nil, recorder: SessionRecorder? = nil) {
        self.session = session
        console = ConsoleSession(session: session)
        self.monitor = monitor
        self.target = target
        // `--record`: the server's snapshots and events go to the recording too.
        var onPoll: (@Sendable (ServerSnapshot, [ServerEvent]) -> Void)?
        if let recorder { onPoll = { snapshot, events in recorder.noteServer(snapshot, events: events) } }
        server = MonitorPoller(monitor: monitor, initial: ServerSnapshot(unavailable: "n/a: not polled yet"), interval: serverInterval,
                               onPoll: onPoll)
        self.pgbouncer = pgbouncer.map {
            MonitorPoller(monitor: $0, initial: PgBouncerSnapshot(unavailable: "n/a: not polled yet"), interval: serverInterval)
        }
    }

    /// Runs `body` (the screen) while a child task polls the server; returns, or rethrows, only once that
    /// task has ended too, so the monitor can be closed with no poll in flight.
    func pollingServer(during body: () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.server.run() }
            if let pgbouncer { group.addTask { await pgbouncer.run() } }
            defer { group.cancelAll() }
            try await body()
        }
    }

    func collect() async -> DashboardData {
        // With no pool, an empty snapshot whose uptime still carries the timeline the server's events are put on.
        let pool = session.pool?.snapshot() ?? PoolSnapshot(uptime: ContinuousClock.now - started)
        let load = session.generator.snapshot()
        // The notable events by their own cursor: the check-outs of a busy pool never push them out between frames.
        let poolEvents = events.withLock { events in
            if let pool = session.pool { events.catchUp(with: pool) }
            return events.events
        }
        // The monitors' times onto the pool's timeline, where the events log and the header read them; pgbouncer's
        // events among the server's, by time, where the log merges them with the pool's.
        let (server, serverEvents) = self.server.snapshot(now: pool.uptime)
        let pgbouncer = self.pgbouncer?.snapshot(now: pool.uptime)
        let allServerEvents = (serverEvents + (pgbouncer?.events ?? [])).sorted { $0.at < $1.at }
        var data = DashboardData(
            pool: pool, load: load, server: server, events: poolEvents, target: target,
            serverVersion: server.serverVersion, uptime: ContinuousClock.now - started,
            loadStartedAtPoolUptime: max(.zero, pool.uptime - load.elapsed),
            serverEvents: allServerEvents, pgbouncer: pgbouncer?.snapshot)
        data.poolApplicationName = session.applicationName
        return data
    }

    func perform(_ command: Command) async -> String? {
        switch command {
        case .changePoolSize(let delta):
            return reconfigure { $0.poolSize = max(0, $0.poolSize + delta) }
        case .setPoolSize(let size):
            return reconfigure { $0.poolSize = max(0, size) }
        case .changeMaxOverflow(let delta):
            return reconfigure { $0.maxOverflow = max(-1, $0.maxOverflow + delta) }
        case .changeCheckoutTimeout(let delta):
            return reconfigure { $0.checkoutTimeout = max(.milliseconds(100), $0.checkoutTimeout + delta) }
        case .nextPreset:
            return applyPreset(Preset.stepped(from: session.pool?.configuration.presetName ?? ""))
        case .setPreset(let name):
            guard let preset = Preset(rawValue: name.lowercased()) else { return "no preset called \(name)" }
            return applyPreset(preset)
        case .changeWorkers(let delta):
            return updateLoad { $0.workers = max(0, $0.workers + delta) }
        case .setWorkers(let count):
            return updateLoad { $0.workers = max(0, count) }
        case .setLoadPaused(let paused):
            return updateLoad { $0.paused = paused }
        case .changeThinkTime(let delta):
            return updateLoad { $0.thinkTime = max(.zero, $0.thinkTime + delta) }
        case .setThinkTime(let think):
            return updateLoad { $0.thinkTime = max(.zero, think) }
        case .runSQL(let sql):
            return await runConsole(sql).summary
        case .terminateBackend(let pid):
            return await monitor.terminate(pid: pid) ?? "terminated backend \(pid)"
        case .setKnob(let knob, let text):
            return setKnob(knob, text)
        }
    }

    func runConsole(_ statement: String) async -> ConsoleReply {
        ConsoleReply(await console.run(statement, activity: PasswordLiteral.masked(statement)))
    }

    func cancelConsole() { console.cancel() }

    func endConsoleSession() async { await console.end() }

    func applyPreset(_ preset: Preset) -> String? {
        reconfigure { $0 = preset.configuration }
    }

    /// Applies a pool change; the status line says what changed in the events' words (`PoolConfiguration.changes`).
    func reconfigure(_ change: (inout PoolConfiguration) -> Void) -> String? {
        guard let pool = session.pool else { return "no pool: running in no-pool mode" }
        let before = pool.configuration
        pool.reconfigure(change)
        let changes = before.changes(to: pool.configuration)
        return changes.isEmpty ? "no change" : changes.joined(separator: ", ")
    }

    /// Applies a load change; each change is also a pool event, so the log and the charts' markers show it.
    func updateLoad(_ change: (inout LoadSettings) -> Void) -> String? {
        let before = session.generator.settings
        session.generator.update(change)
        let changes = before.changes(to: session.generator.settings)
        for change in changes { session.pool?.recordChange(change) }
        return changes.isEmpty ? "no change" : changes.joined(separator: ", ")
    }
}
