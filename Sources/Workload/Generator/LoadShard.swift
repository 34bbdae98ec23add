import Histogram
import Synchronization

/// Why a statement failed.
enum StatementFailure: Sendable {
    /// The server rejected it; the connection is still usable.
    case query
    /// Its connection was lost (terminated backend, server gone, dead link).
    case connectionLost
    /// No-pool mode: its connection could not be opened.
    case connect
}

/// Counters since the last drain: what the sampler folds into a per-second sample.
struct IntervalCounts: Sendable {
    var queries = 0
    /// Every failed statement; `lostConnections` and `connectErrors` count those kinds among them,
    /// the rest failed in the server (query errors).
    var errors = 0
    var lostConnections = 0
    /// No-pool mode: the connection for the statement could not be opened.
    var connectErrors = 0
    var timeouts = 0
    /// Sum and count of statement times (check-out to check-in excluded), for the mean query time.
    var queryNanoseconds: Int64 = 0
    var timedQueries = 0

    mutating func add(_ other: IntervalCounts) {
        queries += other.queries
        errors += other.errors
        lostConnections += other.lostConnections
        connectErrors += other.connectErrors
        timeouts += other.timeouts
        queryNanoseconds += other.queryNanoseconds
        timedQueries += other.timedQueries
    }
}

/// The statistics of the workers whose id ≡ `index` (mod shard count), behind one lock, so that a query
/// costs an uncontended lock and O(1) updates rather than a global lock.
final class LoadShard: Sendable {
    struct Record: Sendable {
        var stats: WorkerStats
        var incarnation: UInt64
    }

    struct State {
        var records: [Record?] = []
        var counts = IntervalCounts()
        var waits = WaitHistogram.make()
        /// An empty histogram swapped in by `drain`, so the full one is merged and cleared outside the
        /// lock (a worker recording a wait never waits for a merge). Nil while a drain holds it.
        var spareWaits: Histogram<UInt64>? = WaitHistogram.make()
    }

    let count: Int
    let index: Int
    private let state = Mutex(State())

    init(index: Int, of count: Int) {
        self.index = index
        self.count = count
    }

    private func slot(of id: Int) -> Int { id / count }

    func register(id: Int, label: String, incarnation: UInt64) {
        state.withLock { state in
            let slot = slot(of: id)
            if state.records.count <= slot { state.records.append(contentsOf: repeatElement(nil, count: slot + 1 - state.records.count)) }
            state.records[slot] = Record(stats: WorkerStats(id: id, label: label, state: .idle), incarnation: incarnation)
        }
    }

    // Not inlined into the worker loop (`LoadGenerator.runWorker`): a record's temporaries would be slots of the
    // async frame that every waiting worker keeps.
    @inline(never)
    func unregister(id: Int, incarnation: UInt64) {
        state.withLock { state in
            let slot = slot(of: id)
            if slot < state.records.count, state.records[slot]?.incarnation == incarnation { state.records[slot] = nil }
        }
    }

    @inline(never)
    func setState(id: Int, _ workerState: WorkerState) {
        state.withLock { state in
            let slot = slot(of: id)
            if slot < state.records.count { state.records[slot]?.stats.state = workerState }
        }
    }

    /// A check-out succeeded after `wait`: the worker now runs its statement.
    func checkedOut(id: Int, wait: Duration) {
        state.withLock { state in
            WaitHistogram.record(wait, in: &state.waits)
            let slot = slot(of: id)
            guard slot < state.records.count, state.records[slot] != nil else { return }
            state.records[slot]!.stats.state = .running
            if wait > state.records[slot]!.stats.longestWait { state.records[slot]!.stats.longestWait = wait }
        }
    }

    /// A query finished (with `error` if it failed, of kind `failure`); `queryTime` is nil when nothing was sent.
    func finished(id: Int, queryTime: Duration?, error: String?, failure: StatementFailure = .query, next: WorkerState) {
        state.withLock { state in
            if let queryTime {
                state.counts.queryNanoseconds += queryTime.nanoseconds
                state.counts.timedQueries += 1
            }
            let slot = slot(of: id)
            let known = slot < state.records.count && state.records[slot] != nil
            if let error {
                state.counts.errors += 1
                switch failure {
                case .query: break
                case .connectionLost: state.counts.lostConnections += 1
                case .connect: state.counts.connectErrors += 1
                }
                if known {
                    state.records[slot]!.stats.errors += 1
                    state.records[slot]!.stats.lastError = error
                }
            } else {
                state.counts.queries += 1
                if known { state.records[slot]!.stats.queries += 1 }
            }
            if known { state.records[slot]!.stats.state = next }
        }
    }

    /// A check-out gave up after `wait`.
    func timedOut(id: Int, wait: Duration, message: String) {
        state.withLock { state in
            state.counts.timeouts += 1
            WaitHistogram.record(wait, in: &state.waits)
            let slot = slot(of: id)
            guard slot < state.records.count, state.records[slot] != nil else { return }
            state.records[slot]!.stats.timeouts += 1
            state.records[slot]!.stats.lastError = message
            if wait > state.records[slot]!.stats.longestWait { state.records[slot]!.stats.longestWait = wait }
        }
    }

    /// Moves the interval's counts and waits into the caller's, leaving this shard's interval empty.
    func drain(into counts: inout IntervalCounts, waits: inout Histogram<UInt64>) {
        let full = state.withLock { state -> Histogram<UInt64>? in
            counts.add(state.counts)
            state.counts = IntervalCounts()
            guard state.waits.totalCount > 0 else { return nil }
            guard var taken = state.spareWaits.take() else {
                waits.add(state.waits)
                state.waits.reset()
                return nil
            }
            swap(&taken, &state.waits)
            return taken
        }
        guard var full else { return }
        waits.add(full)
        full.reset()
        state.withLock { $0.spareWaits = full }
    }

    func appendWorkers(to workers: inout [WorkerStats]) {
        state.withLock { state in
            for record in state.records {
                if let record { workers.append(record.stats) }
            }
        }
    }

    /// Zeroes every worker's counters and the interval (a new measurement starts).
    func resetCounters() {
        state.withLock { state in
            state.counts = IntervalCounts()
            state.waits.reset()
            for slot in state.records.indices where state.records[slot] != nil {
                let stats = state.records[slot]!.stats
                state.records[slot]!.stats = WorkerStats(id: stats.id, label: stats.label, state: stats.state)
            }
        }
    }
}
