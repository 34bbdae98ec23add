import Synchronization
import Workload

/// Polls a monitor (the server's, or the `--pgbouncer` one) for the live screen, in a child task of the screen's
/// run (`run()`), and keeps its latest snapshot and events for `collect()`, so a slow or lost peer never delays a
/// frame. Polls every `interval`, sooner after an outage when the back-off allows.
final class MonitorPoller<Monitor: PolledMonitor>: Sendable {
    let monitor: Monitor
    private let interval: Duration
    private let latest: Mutex<Latest>
    /// Told each poll's snapshot and new events (`--record`), before the screen sees them.
    private let onPoll: (@Sendable (Monitor.Snapshot, [ServerEvent]) -> Void)?

    private struct Latest: Sendable {
        var snapshot: Monitor.Snapshot
        /// The monitor's events, on its clock, oldest first (bounded).
        var events: [ServerEvent] = []
    }

    /// `initial` stands until the first poll answers.
    init(monitor: Monitor, initial: Monitor.Snapshot, interval: Duration = .seconds(1),
         onPoll: (@Sendable (Monitor.Snapshot, [ServerEvent]) -> Void)? = nil) {
        self.monitor = monitor
        self.onPoll = onPoll
        self.interval = interval
        latest = Mutex(Latest(snapshot: initial))
    }

    /// Polls until cancelled.
    func run() async {
        while !Task.isCancelled {
            let snapshot = await monitor.poll()
            let events = await monitor.takeEvents()
            onPoll?(snapshot, events)
            latest.withLock { latest in
                latest.snapshot = snapshot
                latest.events.append(contentsOf: events)
                if latest.events.count > 200 { latest.events.removeFirst(latest.events.count - 200) }
            }
            try? await Task.sleep(for: snapshot.reachability.pollDelay(now: monitor.clock.now, interval: interval))
        }
    }

    /// The latest snapshot and every event kept, their times moved onto the timeline whose present is `now`.
    func snapshot(now: Duration) -> (snapshot: Monitor.Snapshot, events: [ServerEvent]) {
        let shift = now - monitor.clock.now
        var (snapshot, events) = latest.withLock { ($0.snapshot, $0.events) }
        snapshot.reachability = snapshot.reachability.shifted(by: shift)
        return (snapshot, events.map { $0.shifted(by: shift) })
    }
}
