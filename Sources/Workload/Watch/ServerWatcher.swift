import ConnectionPool
import Synchronization

/// `pooltop watch`'s poller: reads the server's client backends over a `ServerMonitor` session (so it
/// reconnects by itself, with the monitor's back-off, and says "n/a: server unreachable — …" meanwhile),
/// groups them into client pools and keeps their history. The poll loop is a child task of
/// `watching(during:)`; `snapshot()` answers at once from what the last poll saw.
public final class ServerWatcher: Sendable {
    private let monitor: ServerMonitor
    private let interval: Duration
    private let state = Mutex(Observed())

    /// What the poller and `snapshot()` share.
    private struct Observed {
        var last = WatchSnapshot(unavailable: "n/a: not polled yet")
        var history = WatchHistory()
        var events: [ServerEvent] = []
    }

    /// Events kept for the screen.
    static var eventCapacity: Int { 20 }

    /// Watches with `monitor`'s session (its application_name is what the server shows for the watch).
    public init(monitor: ServerMonitor, interval: Duration = .seconds(1)) {
        self.monitor = monitor
        self.interval = interval
    }

    /// Runs `body` while a child task polls every `interval`; returns or rethrows only once that task has
    /// ended, so the monitor can be closed with no poll in flight.
    public func watching<R: Sendable>(during body: () async throws -> R) async throws -> R {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.pollUntilCancelled() }
            defer { group.cancelAll() }
            return try await body()
        }
    }

    /// The latest picture, with the monitor's times as they are (`uptime` is the monitor's now).
    public func snapshot() -> WatchSnapshot {
        var snapshot = state.withLock { $0.last }
        snapshot.uptime = monitor.clock.now
        return snapshot
    }

    /// One poll: reads the server, records what it saw, and answers it.
    @discardableResult
    public func poll() async -> WatchSnapshot {
        let observed = await read()
        let events = await monitor.takeEvents()
        return state.withLock { state in
            state.events.append(contentsOf: events)
            if state.events.count > Self.eventCapacity { state.events.removeFirst(state.events.count - Self.eventCapacity) }
            var snapshot = observed
            if snapshot.unavailable == nil {
                state.history.record(snapshot.pools)
            } else {
                // Unreachable: keep the last numbers known of the server, not the pools.
                snapshot.serverVersion = snapshot.serverVersion ?? state.last.serverVersion
                snapshot.limit = snapshot.limit ?? state.last.limit
            }
            snapshot.history = state.history.samples
            snapshot.events = state.events
            state.last = snapshot
            return snapshot
        }
    }

    private func pollUntilCancelled() async {
        while !Task.isCancelled {
            let snapshot = await poll()
            try? await Task.sleep(for: snapshot.reachability.pollDelay(now: monitor.clock.now, interval: interval))
        }
    }

    private func read() async -> WatchSnapshot {
        let settings: (version: String?, pid: Int32?, limit: ConnectionLimit?)
        switch await monitor.read(ClientActivity.settingsQuery, ClientActivity.settingsParameters) {
        case .success(let result): settings = ClientActivity.settings(result.rows)
        case .failure(let unavailable): return await degraded(unavailable)
        }
        switch await monitor.read(ClientActivity.query) {
        case .success(let result):
            let pools = ClientPool.grouped(result.rows.compactMap(ClientActivity.backend))
            return WatchSnapshot(pools: pools, limit: settings.limit, serverVersion: settings.version, ownPID: settings.pid,
                                 reachability: await monitor.reachability)
        case .failure(let unavailable): return await degraded(unavailable)
        }
    }

    private func degraded(_ unavailable: ServerMonitor.Unavailable) async -> WatchSnapshot {
        WatchSnapshot(unavailable: unavailable.reason, reachability: await monitor.reachability)
    }
}
