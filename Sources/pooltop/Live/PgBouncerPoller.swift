import Synchronization
import Workload

/// Polls a pgbouncer's admin console for the live screen, in a child task of the screen's run (`run()`), and keeps
/// the latest picture for `collect()`. Polls every `interval`, sooner after an outage when the back-off allows.
final class PgBouncerPoller: Sendable {
    let monitor: PgBouncerMonitor
    private let interval: Duration
    private let latest = Mutex(Latest())

    private struct Latest {
        var snapshot = PgBouncerSnapshot(unavailable: "n/a: not polled yet")
        /// The monitor's events, on its clock, oldest first (bounded).
        var events: [ServerEvent] = []
    }

    init(monitor: PgBouncerMonitor, interval: Duration = .seconds(1)) {
        self.monitor = monitor
        self.interval = interval
    }

    /// Polls until cancelled.
    func run() async {
        while !Task.isCancelled {
            let snapshot = await monitor.poll()
            let events = await monitor.takeEvents()
            latest.withLock { latest in
                latest.snapshot = snapshot
                latest.events.append(contentsOf: events)
                if latest.events.count > 200 { latest.events.removeFirst(latest.events.count - 200) }
            }
            try? await Task.sleep(for: snapshot.reachability.pollDelay(now: monitor.clock.now, interval: interval))
        }
    }

    /// The latest picture and every event kept, their times moved onto the timeline whose present is `now`.
    func snapshot(now: Duration) -> (snapshot: PgBouncerSnapshot, events: [ServerEvent]) {
        let shift = now - monitor.clock.now
        var (snapshot, events) = latest.withLock { ($0.snapshot, $0.events) }
        snapshot.reachability = snapshot.reachability.shifted(by: shift)
        events = events.map { $0.shifted(by: shift) }
        return (snapshot, events)
    }
}
