import Histogram

/// The figures of the load since the last reset: totals, wait histogram, peaks and the per-second samples.
/// A value kept behind the generator's lock; times are the generator clock's.
struct LoadStatistics: Sendable {
    /// The newest samples kept for the screen.
    static let sampleHistory = 600

    private(set) var epoch: Duration
    private var lastTick: Duration
    private var samplesTaken = 0
    private(set) var samples: [LoadSample] = []
    private(set) var totals = IntervalCounts()
    private(set) var waits = WaitHistogram.make()
    private(set) var peaks = LoadPeaks()
    /// The backend's connect count and connection counts when the measurement started.
    private var connectsAtReset: Int
    private var connectionsAtReset = ConnectionCounts()

    init(now: Duration) {
        epoch = now
        lastTick = now
        connectsAtReset = 0
    }

    /// When the next per-second sample is due.
    var nextSampleAt: Duration { epoch + .seconds(samplesTaken + 1) }

    /// Starts a new measurement at `now`: zero counts, no samples, peaks and connect count from `view`.
    mutating func reset(now: Duration, view: PoolView) {
        epoch = now
        lastTick = now
        samplesTaken = 0
        samples = []
        totals = IntervalCounts()
        waits.reset()
        peaks = LoadPeaks()
        peaks.include(view, backlog: 0)
        connectsAtReset = view.connects
        connectionsAtReset = view.connections
    }

    mutating func include(_ view: PoolView, backlog: Int) {
        peaks.include(view, backlog: backlog)
    }

    /// Folds one interval's counts and waits into the totals.
    mutating func add(_ counts: IntervalCounts, waits interval: Histogram<UInt64>, view: PoolView, backlog: Int) {
        totals.add(counts)
        waits.add(interval)
        peaks.include(view, backlog: backlog)
    }

    /// Appends the sample of the interval that ends at `now` (its rate over the interval's real length).
    mutating func appendSample(_ counts: IntervalCounts, waits interval: Histogram<UInt64>, view: PoolView, now: Duration) {
        let seconds = max((now - lastTick).seconds, 1e-9)
        lastTick = now
        samplesTaken += 1
        samples.append(LoadSample(
            second: samplesTaken, qps: Double(counts.queries) / seconds, errors: counts.errors, timeouts: counts.timeouts,
            lost: counts.lostConnections,
            waitP50: WaitHistogram.percentile(interval, 50), waitP99: WaitHistogram.percentile(interval, 99),
            inUse: view.inUse, idle: view.idle, overflow: view.overflow, waiters: view.waiters,
            queryMean: counts.timedQueries == 0 ? .zero : .nanoseconds(counts.queryNanoseconds / Int64(counts.timedQueries)),
            waitMean: WaitHistogram.mean(interval)))
        if samples.count > Self.sampleHistory { samples.removeFirst(samples.count - Self.sampleHistory) }
    }

    /// Connections opened since the reset, given the backend's count now.
    func connectionsOpened(now view: PoolView) -> Int { view.connects - connectsAtReset }

    /// The pool's connect failures and losses since the reset, given its counts now.
    func connections(now view: PoolView) -> ConnectionCounts { view.connections - connectionsAtReset }
}
