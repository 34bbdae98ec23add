import ArgumentParser
import ConfigFile
import Foundation
import ConnectionPool
import Workload

/// The screen: a real pool under a live load, drawn as it works.
struct Top: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "top",
        abstract: "The live screen (the default command).",
        discussion: "With no options: an embedded throwaway cluster, SQLAlchemy's defaults (5 + 10 overflow, 30 s) and a lively mixed load. Press ? on the screen for every key.")

    /// A load that keeps the default pool busy enough to queue waiters and open overflow:
    /// 20 workers, mostly short sleeps with some SELECT 1 and read-write transactions.
    static let lively = LoadSettings(
        workers: 20, thinkTime: .milliseconds(20),
        mix: QueryMix([
            .init(.sleepRandom(min: .milliseconds(5), max: .milliseconds(60)), weight: 6),
            .init(.selectOne, weight: 3),
            .init(.readWrite, weight: 1),
        ]))

    @OptionGroup var target: TargetOptions
    @OptionGroup var pool: PoolOptions
    @OptionGroup var load: LoadOptions
    @OptionGroup var screen: ScreenOptions
    @OptionGroup var config: ConfigOptions
    @OptionGroup var pgbouncer: PgBouncerOptions
    @OptionGroup var metrics: MetricsOptions
    @OptionGroup var recording: RecordOptions

    func run() async throws {
        let run = try RunSettings(config, flags: [target.layer, pool.layer, load.layer, screen.layer, pgbouncer.layer], loadDefaults: Self.lively)
        let screenSettings = try run.screen()
        if config.printConfig { return print(run.printed(screen: screenSettings, keys: [.pgbouncer]), terminator: "") }
        let pgbouncerMonitor = try run.pgbouncerMonitor()
        let resolved = try await ResolvedTarget.resolve(run.layered.target)
        try await metrics.serving(for: resolved) { observer in
            try await show(resolved, run: run, screenSettings: screenSettings, pgbouncerMonitor: pgbouncerMonitor, observer: observer)
        }
    }

    private func show(
        _ resolved: ResolvedTarget, run: RunSettings, screenSettings: ScreenSettings, pgbouncerMonitor: PgBouncerMonitor?,
        observer: (any PoolObserver)?
    ) async throws {
        let session: LoadSession
        do {
            session = try await LoadSession.start(
                target: resolved.target, configuration: run.pool, settings: run.load,
                deadLinkTimeout: run.deadLinkTimeout, observer: observer)
        } catch {
            throw error.failure
        }
        // After the server was reached, so a wrong --url is reported as such even without a terminal.
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            await session.stop()
            throw Failure.usage(ScreenOptions.noTerminal)
        }
        let writer: RecordingWriter?
        do {
            writer = try recording.writer(command: "top", target: resolved.label, pool: run.pool, load: run.load)
        } catch {
            await session.stop()
            throw error
        }
        let recorder = writer.map { SessionRecorder(writer: $0, session: session) }
        let monitor = ServerMonitor(target: resolved.target)
        let source = LiveSource(session: session, monitor: monitor, target: resolved.label, pgbouncer: pgbouncerMonitor, recorder: recorder)
        // The poller has ended when pollingServer returns, so nothing reopens the monitor after it is closed.
        do {
            let showing = { try await source.pollingServer { try await ScreenOptions.show(source, settings: screenSettings) } }
            if let recorder { try await recorder.recording(during: showing) } else { try await showing() }
        } catch {
            recorder?.writeSecond()
            writer?.close()
            await session.stop()
            await monitor.close()
            await pgbouncerMonitor?.close()
            throw error
        }
        recorder?.writeSecond()
        await session.stop()
        await monitor.close()
        await pgbouncerMonitor?.close()
        try writer?.finish()
    }
}
