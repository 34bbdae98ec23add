import Synchronization
import Workload

/// Polls a pgbouncer's admin console for the live screen, in a child task of the screen's run (`run()`), and keeps
/// the latest picture for `collect()`. Polls every `interval`, sooner after an outage when the back-off allows.
final class PgBouncerPoller: Sendable {
    let monitor: PgBouncerMonitor
    private let interval: Duration
    private let latest = Mutex(PgBouncerSnapshot(unavailable: "n/a: not polled yet"))

    init(monitor: PgBouncerMonitor, interval: Duration = .seconds(1)) {
        self.monitor = monitor
        self.interval = interval
    }

    /// Polls until cancelled.
    func run() async {
        while !Task.isCancelled {
            let snapshot = await monitor.poll()
            latest.withLock { $0 = snapshot }
            try? await Task.sleep(for: snapshot.reachability.pollDelay(now: monitor.clock.now, interval: interval))
        }
    }

    /// The latest picture, its times moved onto the timeline whose present is `now`.
    func snapshot(now: Duration) -> PgBouncerSnapshot {
        var snapshot = latest.withLock { $0 }
        snapshot.reachability = snapshot.reachability.shifted(by: now - monitor.clock.now)
        return snapshot
    }
}
