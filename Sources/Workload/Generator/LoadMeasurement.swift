import Histogram

/// What the load sees of its connections at one instant: the pool's counts, or in no-pool mode the
/// connections open for queries right now.
struct PoolView: Sendable {
    var inUse = 0
    var idle = 0
    var overflow = 0
    var waiters = 0
    var open = 0
    /// Connections opened since the backend started.
    var connects = 0
}

/// The highest counts seen since the statistics were reset.
struct LoadPeaks: Sendable, Equatable {
    var inUse = 0
    var overflow = 0
    var open = 0
    var waiters = 0
    var backlog = 0

    mutating func include(_ view: PoolView, backlog: Int) {
        inUse = max(inUse, view.inUse)
        overflow = max(overflow, view.overflow)
        open = max(open, view.open)
        waiters = max(waiters, view.waiters)
        self.backlog = max(self.backlog, backlog)
    }
}

/// Everything measured since the last reset, with the current partial second folded in: what bench reports.
struct LoadMeasurement: Sendable {
    var elapsed: Duration
    var totals: IntervalCounts
    var waits: Histogram<UInt64>
    var workers: [WorkerStats]
    var samples: [LoadSample]
    var peaks: LoadPeaks
    var dropped: Int
    /// Connections opened since the last reset (a warm-up's are not counted).
    var connectionsOpened: Int
}
