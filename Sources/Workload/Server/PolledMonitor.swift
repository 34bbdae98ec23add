import ConnectionPool

/// A monitor a screen polls: the server's (`ServerMonitor`) or a pgbouncer's (`PgBouncerMonitor`). Each poll answers
/// a snapshot that says whether the monitor reaches what it watches; events are told on the monitor's clock.
public protocol PolledMonitor: Actor {
    associatedtype Snapshot: MonitorSnapshot
    nonisolated var clock: any PoolClock { get }
    func poll() async -> Snapshot
    func takeEvents() -> [ServerEvent]
}

/// What a poll answers: at least whether the monitor reached what it watches.
public protocol MonitorSnapshot: Sendable {
    var reachability: ServerReachability { get set }
}

extension ServerMonitor: PolledMonitor {}
extension ServerSnapshot: MonitorSnapshot {}
extension PgBouncerMonitor: PolledMonitor {}
extension PgBouncerSnapshot: MonitorSnapshot {}
