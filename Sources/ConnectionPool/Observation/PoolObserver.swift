/// What a pool tells an observer as it works (for metrics): when it starts and shuts down, and the
/// durations it measures. The pool calls it outside its lock; with no observer, the calls cost a nil check.
/// Durations are the pool's own: `created` per connect that succeeded, `checkedOut` per check-out served
/// (what `Counters.checkouts` counts), `checkedIn` per check-in accepted (what `Counters.checkins` counts).
public protocol PoolObserver: Sendable {
    /// The pool started; `pool` answers snapshots until `poolShutDown`.
    func poolStarted(_ pool: any PoolSnapshotSource)
    /// The pool finished shutting down: every connect and close in flight is done.
    func poolShutDown(_ pool: any PoolSnapshotSource)
    /// A connection opened, `duration` after its connect started.
    func connectionCreated(in duration: Duration)
    /// A check-out got a connection after waiting `waited`.
    func checkedOut(afterWaiting waited: Duration)
    /// A connection came back after being held for `held`.
    func checkedIn(afterUsing held: Duration)
}

/// Anything that answers a `PoolSnapshot`: a pool, whatever its connection type.
public protocol PoolSnapshotSource: AnyObject, Sendable {
    func snapshot() -> PoolSnapshot
}

extension ConnectionPool: PoolSnapshotSource {}
