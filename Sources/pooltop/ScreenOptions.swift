import ArgumentParser
import Inspector
import Workload

/// How the screen looks and how often it redraws: the options `pooltop` and `pooltop demo` share.
struct ScreenOptions: ParsableArguments {
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

    /// Runs the screen over `source` until the user quits; no terminal, or any other failure of the screen,
    /// is thrown as the `Failure` to report.
    func show(_ source: some InspectorSource) async throws {
        let app = InspectorApp(source: source, options: InspectorOptions(theme: theme, ascii: ascii, refreshRate: fps))
        try await running { try await app.run() }
    }

    /// The `pooltop watch` screen over what `collect` answers, in the same way.
    func showWatch(target: String, collect: @escaping @Sendable () async -> WatchSnapshot) async throws {
        let app = WatchApp(target: target, options: InspectorOptions(theme: theme, ascii: ascii, refreshRate: fps), collect: collect)
        try await running { try await app.run() }
    }

    /// Runs a screen with the terminal restored on every exit, its failures turned into the `Failure` to report.
    private func running(_ screen: () async throws -> Void) async throws {
        Termination.shared.onExit { InspectorApp.restoreTerminal() }
        do {
            try await screen()
        } catch InspectorError.noTerminal {
            throw Failure.usage(Self.noTerminal)
        } catch {
            throw Failure.runtime("\(error)".singleLine)
        }
    }
}
