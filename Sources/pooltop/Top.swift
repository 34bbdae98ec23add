import ArgumentParser
import Foundation
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
    @OptionGroup var recording: RecordOptions

    func run() async throws {
        let settings = try load.settings(defaults: Self.lively)
        let resolved = try await ResolvedTarget.resolve(target)
        let session: LoadSession
        do {
            session = try await LoadSession.start(
                target: resolved.target, configuration: pool.configuration, settings: settings,
                deadLinkTimeout: target.deadLinkBound)
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
            writer = try recording.writer(command: "top", target: resolved.label, pool: pool.configuration, load: settings)
        } catch {
            await session.stop()
            throw error
        }
        let recorder = writer.map { SessionRecorder(writer: $0, session: session) }
        let monitor = ServerMonitor(target: resolved.target)
        let source = LiveSource(session: session, monitor: monitor, target: resolved.label, recorder: recorder)
        // The poller has ended when pollingServer returns, so nothing reopens the monitor after it is closed.
        do {
            let screen = { try await source.pollingServer { try await self.screen.show(source) } }
            if let recorder { try await recorder.recording(during: screen) } else { try await screen() }
        } catch {
            recorder?.writeSecond()
            writer?.close()
            await session.stop()
            await monitor.close()
            throw error
        }
        recorder?.writeSecond()
        await session.stop()
        await monitor.close()
        try writer?.finish()
    }
}
