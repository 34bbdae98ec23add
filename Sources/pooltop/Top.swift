import ArgumentParser
import Foundation
import Inspector
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

    @Option(help: ArgumentHelp("A theme name (default, light, solarized, high-contrast, monochrome, or yours) or a TOML file.", valueName: "name"))
    var theme: String?

    @Flag(help: "Draw with ASCII only (no Unicode glyphs or braille).")
    var ascii = false

    @Option(parsing: .unconditional, help: "Frames per second.")
    var fps: Double = 10

    func validate() throws {
        if !(fps > 0 && fps <= 60) { throw ValidationError("--fps must be between 0 and 60, not \(fps)") }
    }

    static let noTerminal = "the screen needs a terminal (stdin and stdout a tty); `pooltop bench` and `pooltop sweep` run without one"

    func run() async throws {
        let settings = try load.settings(defaults: Self.lively)
        let resolved = try await ResolvedTarget.resolve(target)
        let session: LoadSession
        do {
            session = try await LoadSession.start(target: resolved.target, configuration: pool.configuration, settings: settings)
        } catch {
            throw error.failure
        }
        // After the server was reached, so a wrong --url is reported as such even without a terminal.
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            await session.stop()
            throw Failure.usage(Self.noTerminal)
        }
        let monitor = ServerMonitor(target: resolved.target)
        let source = LiveSource(session: session, monitor: monitor, target: resolved.label)
        let app = InspectorApp(source: source, options: InspectorOptions(theme: theme, ascii: ascii, refreshRate: fps))
        Termination.shared.onExit { InspectorApp.restoreTerminal() }
        do {
            try await app.run()
        } catch {
            await session.stop()
            await monitor.close()
            if error as? InspectorError == .noTerminal { throw Failure.usage(Self.noTerminal) }
            throw Failure.runtime("\(error)".singleLine)
        }
        await session.stop()
        await monitor.close()
    }
}
