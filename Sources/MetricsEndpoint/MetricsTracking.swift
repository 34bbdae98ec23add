import ConnectionPool

/// Which pool the metrics read, as a value: none yet, one running, or the last one's final reading
/// (between a sweep's runs, after a bench). Counters add up over the process's pools; what has been
/// added to the Prometheus counters is remembered per series, so each scrape adds only what is new.
struct MetricsTracking {
    enum Phase {
        case waiting
        case watching(any PoolSnapshotSource)
        /// The pool shut down; its final reading stands until the next starts.
        case finished(PoolReading)
    }

    var phase = Phase.waiting
    /// Counters of the pools that have shut down.
    var carried = PoolTotals()
    /// Each counter series' total as already added to its Prometheus counter, by `MetricSample.key`.
    var emitted: [String: Int] = [:]

    mutating func started(_ pool: any PoolSnapshotSource) {
        phase = .watching(pool)
    }

    /// `pool` shut down with `final` as its last reading; a pool not watched (an older one) changes nothing.
    mutating func shutDown(_ pool: any PoolSnapshotSource, final: PoolReading) {
        guard case .watching(let watched) = phase, watched === pool else { return }
        carried = carried + final.totals
        phase = .finished(final)
    }

    /// The pool's reading now (nil before any pool started) and the process's counters with it.
    func reading() -> (pool: PoolReading?, totals: PoolTotals) {
        switch phase {
        case .waiting: return (nil, carried)
        case .watching(let pool):
            let reading = PoolReading(pool.snapshot())
            return (reading, carried + reading.totals)
        case .finished(let last): return (last, carried)
        }
    }

    /// How much to add to the counter `sample` so it shows the sample's total (never negative).
    mutating func increment(for sample: MetricSample) -> Int {
        let total = Int(sample.value)
        let already = emitted[sample.key, default: 0]
        guard total > already else { return 0 }
        emitted[sample.key] = total
        return total - already
    }
}
