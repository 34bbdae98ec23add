import ConnectionPool
import Synchronization

/// Records one load session into a `RecordingWriter`: a `RecordedSecond` every second and every event the events
/// log keeps (check-outs and check-ins are counted in the seconds, not written one by one), while
/// `recording(during:)` runs. One per session (a sweep makes one per run, over one writer).
public final class SessionRecorder: Sendable {
    private let writer: RecordingWriter
    private let session: LoadSession
    private let run: Int?
    private let warmUp: Duration
    /// The recording's time when the pool started: pool events' `at` plus this is their `t`.
    private let poolOrigin: Double
    private let state = Mutex(State())

    private struct State {
        var lastEvent: UInt64 = 0
        var lastSample = 0
        var knobs: [String: String]?
        var load: [String: String]?
        var server: RecordedServer?
    }

    /// `run` numbers the runs of bench and sweep (nil: the screen's one session); `warmUp` is reported in the totals.
    public init(writer: RecordingWriter, session: LoadSession, run: Int? = nil, warmUp: Duration = .zero) {
        self.writer = writer
        self.session = session
        self.run = run
        self.warmUp = warmUp
        poolOrigin = writer.elapsed - (session.pool?.snapshot().uptime.seconds ?? 0)
    }

    /// Runs `body` while a child task writes a second every `interval` (polling `monitor` first, when given);
    /// returns once that task has ended.
    public func recording<T: Sendable>(
        every interval: Duration = .seconds(1), monitor: ServerMonitor? = nil, during body: () async throws -> T
    ) async rethrows -> T {
        try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
            group.addTask {
                let clock = ContinuousClock()
                var next = clock.now + interval
                while !Task.isCancelled {
                    do { try await clock.sleep(until: next) } catch { return }
                    next += interval
                    if let monitor { self.noteServer(await monitor.poll(), events: await monitor.takeEvents()) }
                    self.writeSecond()
                }
            }
            defer { group.cancelAll() }
            return try await body()
        }
    }

    /// The server as the monitor last saw it; its events are written now.
    public func noteServer(_ snapshot: ServerSnapshot, events: [ServerEvent]) {
        let t = writer.elapsed
        state.withLock { $0.server = RecordedServer(snapshot) }
        for event in events { writer.write(.event(RecordedEvent(t: t, server: event.kind))) }
    }

    /// A run's phase starts (`measuring`: just after its statistics were reset).
    public func mark(_ phase: RecordedPhase.Phase) {
        let settings = session.generator.settings
        let poolSize = session.pool?.configuration.poolSize ?? 0
        state.withLock { state in
            writeEvents(&state)
            state.lastSample = 0
            writer.write(.phase(RecordedPhase(t: writer.elapsed, run: run ?? 1, phase: phase, poolSize: poolSize, workers: settings.workers)))
        }
    }

    /// Writes the events not yet written, then one second; `final` (bench's own report of the run) ends the run.
    /// Under the recorder's lock, so lines from the sampling task and the run's own calls never interleave.
    public func writeSecond(final: BenchReport? = nil) {
        let generator = session.generator
        state.withLock { state in
            writeEvents(&state)
            let settings = generator.settings
            let configuration = session.pool?.configuration ?? PoolConfiguration()
            var totals = final ?? Bench.report(
                generator.measurementSoFar(), pool: configuration, load: settings, mode: settings.mode, warmUp: warmUp)
            totals.timeline = []
            let samples = generator.snapshot(includeWorkers: false).samples
            let knobs = RecordedKnobs.pool(configuration)
            let load = RecordedKnobs.load(settings)
            let fresh = samples.filter { $0.second > state.lastSample }.map(RecordedSample.init)
            state.lastSample = samples.last?.second ?? state.lastSample
            let line = RecordedSecond(
                t: writer.elapsed, run: run, final: final == nil ? nil : true, pool: session.pool.map { RecordedPool($0.snapshot()) },
                samples: fresh, totals: totals, server: state.server,
                knobs: state.knobs == knobs ? nil : knobs, load: state.load == load ? nil : load)
            (state.knobs, state.load) = (knobs, load)
            writer.write(.second(line))
        }
    }

    private func writeEvents(_ state: inout State) {
        guard let pool = session.pool else { return }
        let events = pool.notableEvents(after: state.lastEvent)
        guard let last = events.last else { return }
        state.lastEvent = last.sequence
        for event in events { writer.write(.event(RecordedEvent(t: RecordingWriter.time(poolOrigin + event.at.seconds), pool: event.kind))) }
    }
}
