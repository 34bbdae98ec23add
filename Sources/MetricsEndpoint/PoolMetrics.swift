import ConnectionPool
import Prometheus
import Synchronization

/// The pool's metrics in a Prometheus registry. As the pool's `PoolObserver`, it records create, wait and
/// use times into duration histograms (the histogram's own lock per record, nothing else on the pool's
/// hot path); counts, limits and counters are read off the pool's snapshot when scraped (`exposition()`).
public final class PoolMetrics: PoolObserver {
    /// The `db_client_connection_pool_name` label of every series.
    public let poolName: String
    private let registry = PrometheusCollectorRegistry()
    private let createTime: DurationHistogram
    private let waitTime: DurationHistogram
    private let useTime: DurationHistogram
    private let server: (@Sendable () async -> ServerReading?)?
    private let tracking = Mutex(Tracked())

    private struct Tracked {
        var machine = MetricsTracking()
        /// Gauges in the registry now, by `MetricSample.key`: a series that leaves is unregistered.
        var gauges: [String: Gauge] = [:]
    }

    /// Bucket bounds, in seconds: connects take milliseconds to seconds; waits and uses from
    /// microseconds (an idle connection at hand) to the check-out timeout and beyond.
    static let createBuckets: [Duration] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10].map(Duration.seconds)
    static let waitBuckets: [Duration] = [
        0.00001, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
    ].map(Duration.seconds)
    static let useBuckets: [Duration] = [
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
    ].map(Duration.seconds)

    /// `server`, if given, is asked at each scrape for the server's connections and max_connections.
    public init(poolName: String, server: (@Sendable () async -> ServerReading?)? = nil) {
        self.poolName = poolName
        self.server = server
        let labels = [(MetricName.poolNameLabel, poolName)]
        createTime = registry.makeDurationHistogram(descriptor: MetricName.createTime, labels: labels, buckets: Self.createBuckets)
        waitTime = registry.makeDurationHistogram(descriptor: MetricName.waitTime, labels: labels, buckets: Self.waitBuckets)
        useTime = registry.makeDurationHistogram(descriptor: MetricName.useTime, labels: labels, buckets: Self.useBuckets)
    }

    /// The Prometheus text exposition now: the counts and counters refreshed from the pool's snapshot, the
    /// families sorted by name and each family's series by their labels (`ExpositionOrder`).
    public func exposition() async -> [UInt8] {
        let server = await server?()
        tracking.withLock { tracked in
            let (pool, totals) = tracked.machine.reading()
            let samples = MetricSample.samples(poolName: poolName, pool: pool, totals: totals, server: server)
            var present: [String: Gauge] = [:]
            for sample in samples {
                let descriptor = MetricNameDescriptor(metricName: sample.name, unitName: "", helpText: sample.help)
                let labels = sample.labels.map { ($0.name, $0.value) }
                switch sample.kind {
                case .gauge:
                    let gauge = registry.makeGauge(descriptor: descriptor, labels: labels)
                    gauge.set(to: sample.value)
                    present[sample.key] = gauge
                case .counter:
                    let counter = registry.makeCounter(descriptor: descriptor, labels: labels)
                    let increment = tracked.machine.increment(for: sample)
                    if increment > 0 { counter.increment(by: Int64(increment)) }
                }
            }
            for (key, gauge) in tracked.gauges where present[key] == nil { registry.unregisterGauge(gauge) }
            tracked.gauges = present
        }
        return Array(ExpositionOrder.sorted(registry.emitToString()).utf8)
    }

    // MARK: PoolObserver

    public func poolStarted(_ pool: any PoolSnapshotSource) {
        tracking.withLock { $0.machine.started(pool) }
    }

    public func poolShutDown(_ pool: any PoolSnapshotSource) {
        let final = PoolReading(pool.snapshot())
        tracking.withLock { $0.machine.shutDown(pool, final: final) }
    }

    public func connectionCreated(in duration: Duration) { createTime.record(duration) }
    public func checkedOut(afterWaiting waited: Duration) { waitTime.record(waited) }
    public func checkedIn(afterUsing held: Duration) { useTime.record(held) }
}
