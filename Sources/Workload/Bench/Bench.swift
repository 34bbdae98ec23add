import ConnectionPool
import LibPQ

/// What one `pooltop bench` run does: the pool's knobs, the load, where, for how long.
public struct BenchOptions: Sendable {
    public var target: ConnectionTarget
    public var pool: PoolConfiguration
    public var load: LoadSettings
    public var mode: LoadMode
    public var duration: Duration
    /// Run before measuring, excluded from every figure (connections open, caches warm).
    public var warmUp: Duration
    public var applicationName: String
    /// How long a statement may wait on a dead link (nil: no bound).
    public var deadLinkTimeout: Duration?
    /// A pgbouncer's admin console to poll while measuring (`--pgbouncer`), when the bench runs through it.
    public var pgbouncer: ConnectionTarget?
    /// Told each run's pool durations (`--metrics`); a sweep's pools share it.
    public var observer: (any PoolObserver)?
    /// Where the run is recorded (`--record`), nil for none; the runs of a sweep share one.
    public var recording: RecordingWriter?

    public init(target: ConnectionTarget, pool: PoolConfiguration = PoolConfiguration(), load: LoadSettings = LoadSettings(),
                mode: LoadMode = .pool, duration: Duration = .seconds(10), warmUp: Duration = .seconds(1),
                applicationName: String = "pooltop-bench",
                deadLinkTimeout: Duration? = PostgresConnection.defaultDeadLinkTimeout, pgbouncer: ConnectionTarget? = nil,
                observer: (any PoolObserver)? = nil) {
        self.deadLinkTimeout = deadLinkTimeout
        self.pgbouncer = pgbouncer
        self.observer = observer
        self.target = target
        self.pool = pool
        self.load = load
        self.mode = mode
        self.duration = duration
        self.warmUp = warmUp
        self.applicationName = applicationName
    }
}

/// Where a bench run is: warming up or measuring, and how far through.
public struct BenchProgress: Sendable, Equatable {
    public enum Phase: String, Sendable { case warmUp = "warm-up", measuring }
    public var phase: Phase
    /// 0…1 through the phase.
    public var fraction: Double
    /// Queries per second measured so far (0 during warm-up).
    public var qps: Double
}

/// Runs one workload for a duration and reports it as `pooltop bench`'s JSON object.
public enum Bench {
    public static func run(
        _ options: BenchOptions, progress: (@Sendable (BenchProgress) -> Void)? = nil
    ) async throws(WorkloadError) -> BenchReport {
        guard options.duration > .zero else { throw .invalidOptions("the duration must be positive") }
        guard options.load.workers > 0 else { throw .invalidOptions("at least one worker is needed") }
        let session = try await LoadSession.start(
            target: options.target, configuration: options.pool, settings: options.load, mode: options.mode,
            applicationName: options.applicationName, deadLinkTimeout: options.deadLinkTimeout, observer: options.observer)
        guard let writer = options.recording else {
            let report = await measure(options, session: session, recorder: nil, progress: progress)
            await session.stop()
            return report
        }
        let recorder = SessionRecorder(writer: writer, session: session, run: writer.nextRun(), warmUp: options.warmUp)
        let monitor = ServerMonitor(target: options.target, applicationName: options.applicationName + "-recorder")
        let report = await recorder.recording(monitor: monitor) {
            await measure(options, session: session, recorder: recorder, progress: progress)
        }
        recorder.writeSecond(final: report)
        await session.stop()
        await monitor.close()
        return report
    }

    /// The warm-up, then the measurement (with the pgbouncer polled beside it when asked), marked in the
    /// recording when there is one.
    private static func measure(
        _ options: BenchOptions, session: LoadSession, recorder: SessionRecorder?, progress: (@Sendable (BenchProgress) -> Void)?
    ) async -> BenchReport {
        recorder?.mark(.warmUp)
        await wait(options.warmUp, phase: .warmUp, session: session, progress: progress)
        session.generator.resetStatistics()
        recorder?.mark(.measuring)
        var peaks: PgBouncerPeaks?
        if let pgbouncer = options.pgbouncer {
            let monitor = PgBouncerMonitor(target: pgbouncer)
            peaks = await PgBouncerPeaks.gathered(from: monitor, application: session.applicationName) {
                await wait(options.duration, phase: .measuring, session: session, progress: progress)
            }
            await monitor.close()
        } else {
            await wait(options.duration, phase: .measuring, session: session, progress: progress)
        }
        let measurement = session.generator.measure()
        var report = report(measurement, pool: options.pool, load: options.load, mode: options.mode, warmUp: options.warmUp)
        report.pgbouncer = peaks
        return report
    }

    private static func wait(_ duration: Duration, phase: BenchProgress.Phase, session: LoadSession,
                             progress: (@Sendable (BenchProgress) -> Void)?) async {
        let clock = ContinuousClock()
        let start = clock.now
        let end = start + duration
        while clock.now < end {
            let step = min(end, clock.now + .milliseconds(250))
            try? await Task.sleep(until: step, clock: clock)
            guard let progress else { continue }
            let elapsed = clock.now - start
            let snapshot = session.generator.snapshot(includeWorkers: false)
            let qps = phase == .measuring && elapsed > .zero ? Double(snapshot.queries) / elapsed.seconds : 0
            progress(BenchProgress(phase: phase, fraction: min(1, elapsed.seconds / max(duration.seconds, 1e-9)), qps: qps))
        }
    }

    static func report(
        _ measurement: LoadMeasurement, pool: PoolConfiguration, load: LoadSettings, mode: LoadMode, warmUp: Duration
    ) -> BenchReport {
        let seconds = BenchReport.round(measurement.elapsed.seconds, 3)
        let waits = measurement.waits
        let totals = measurement.totals
        let noPool = mode == .noPool
        let timeline = measurement.samples.map(BenchReport.TimelineEntry.init)
        var kinds = BenchReport.ErrorKinds()
        kinds.connectionLost = totals.lostConnections
        kinds.connect = totals.connectErrors
        kinds.query = totals.errors - totals.lostConnections - totals.connectErrors
        kinds.checkoutTimeout = totals.timeouts
        kinds.poolConnectFailures = measurement.connections.connectFailures
        kinds.poolConnectRefused = measurement.connections.refused
        kinds.poolServerFull = measurement.connections.serverFull
        kinds.poolConnectionsLost = measurement.connections.lost
        let queryMean = totals.timedQueries == 0 ? 0 : Double(totals.queryNanoseconds) / Double(totals.timedQueries) / 1e6
        var report = BenchReport(
            workers: load.workers, poolSize: noPool ? 0 : pool.poolSize,
            maxOverflow: noPool ? 0 : pool.maxOverflow, query: load.mix.label, seconds: seconds,
            queries: totals.queries, errors: totals.errors, timeouts: totals.timeouts,
            waitP50Ms: BenchReport.milliseconds(WaitHistogram.percentile(waits, 50)),
            waitP99Ms: BenchReport.milliseconds(WaitHistogram.percentile(waits, 99)),
            waitMaxMs: BenchReport.milliseconds(WaitHistogram.maximum(waits)),
            waitMeanMs: BenchReport.milliseconds(WaitHistogram.mean(waits)),
            fairness: BenchReport.round(jainFairness(measurement.workers.map(\.queries)), 4),
            connectionsOpened: measurement.connectionsOpened, peakInUse: measurement.peaks.inUse,
            peakOverflow: measurement.peaks.overflow, timeline: timeline,
            preset: noPool ? "none" : pool.presetName, mode: mode.rawValue,
            warmUpSeconds: BenchReport.round(warmUp.seconds, 3), queryMeanMs: BenchReport.round(queryMean, 3),
            peakOpen: measurement.peaks.open, peakWaiters: measurement.peaks.waiters,
            thinkMs: BenchReport.milliseconds(load.thinkTime), arrivalRate: load.arrivalRate,
            peakBacklog: measurement.peaks.backlog, dropped: measurement.dropped,
            rssMib: ResidentMemory.currentMiB.map { BenchReport.round($0, 1) },
            peakRssMib: ResidentMemory.peakMiB.map { BenchReport.round($0, 1) })
        report.errorKinds = kinds
        return report
    }
}
