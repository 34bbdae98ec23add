import ConnectionPool
import Inspector
import Synchronization
import Workload

/// The screen's window on a running load session: snapshots of the pool, the load and the server,
/// and the commands the keys send. The server is polled by a child task of `pollingServer(during:)`,
/// so a slow or lost server never delays a frame.
final class LiveSource: InspectorSource {
    let session: LoadSession
    /// The SQL console's statements, holder "console" in the pool.
    private let console: ConsoleSession
    private let monitor: ServerMonitor
    private let target: String
    private let serverInterval: Duration
    /// `--record`: the server's snapshots and events go to the recording too.
    private let recorder: SessionRecorder?
    private let started = ContinuousClock.now
    /// What the poller and `collect()` both reach.
    private let state = Mutex(State())

    private struct State {
        var server = ServerSnapshot(unavailable: "n/a: not polled yet")
        var events = RecentEvents()
        /// The monitor's events, on its clock, oldest first (bounded).
        var serverEvents: [ServerEvent] = []
    }

    /// `target` is the display form (password masked); the server is polled every `serverInterval`.
    init(session: LoadSession, monitor: ServerMonitor, target: String, serverInterval: Duration = .seconds(1), recorder: SessionRecorder? = nil) {
        self.recorder = recorder
        self.session = session
        console = ConsoleSession(session: session)
        self.monitor = monitor
        self.target = target
        self.serverInterval = serverInterval
    }

    /// Runs `body` (the screen) while a child task polls the server; returns, or rethrows, only once that
    /// task has ended too, so the monitor can be closed with no poll in flight.
    func pollingServer(during body: () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.pollServer() }
            defer { group.cancelAll() }
            try await body()
        }
    }

    private func pollServer() async {
        while !Task.isCancelled {
            let server = await monitor.poll()
            let events = await monitor.takeEvents()
            recorder?.noteServer(server, events: events)
            state.withLock { state in
                state.server = server
                state.serverEvents.append(contentsOf: events)
                if state.serverEvents.count > 200 { state.serverEvents.removeFirst(state.serverEvents.count - 200) }
            }
            try? await Task.sleep(for: server.reachability.pollDelay(now: monitor.clock.now, interval: serverInterval))
        }
    }

    func collect() async -> DashboardData {
        // With no pool, an empty snapshot whose uptime still carries the timeline the server's events are put on.
        let pool = session.pool?.snapshot() ?? PoolSnapshot(uptime: ContinuousClock.now - started)
        let fresh = session.pool.map { pool in pool.events(after: state.withLock { $0.events.lastSequence }) } ?? []
        let load = session.generator.snapshot()
        let (monitored, events, serverEvents) = state.withLock { state in
            state.events.append(fresh)
            return (state.server, state.events.events, state.serverEvents)
        }
        // The monitor's times onto the pool's timeline, where the events log and the header read them.
        let shift = pool.uptime - monitor.clock.now
        var server = monitored
        server.reachability = monitored.reachability.shifted(by: shift)
        return DashboardData(
            pool: pool, load: load, server: server, events: events, target: target,
            serverVersion: server.serverVersion, uptime: ContinuousClock.now - started,
            loadStartedAtPoolUptime: max(.zero, pool.uptime - load.elapsed),
            serverEvents: serverEvents.map { $0.shifted(by: shift) })
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
            let current = session.pool?.configuration.presetName ?? ""
            let presets = Preset.allCases
            let index = presets.firstIndex { current.hasPrefix($0.rawValue) }.map { ($0 + 1) % presets.count } ?? 0
            return applyPreset(presets[index])
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
