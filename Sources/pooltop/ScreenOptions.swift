import ArgumentParser
import ConfigFile
import Inspector
import Workload

/// How the screen looks and how often it redraws: the options `pooltop` and `pooltop demo` share.
struct ScreenOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A theme name (\(ThemeCatalog.builtInNames.joined(separator: ", ")), or yours) or a TOML file.", valueName: "name"),
            completion: .list(ThemeCatalog.standard().names()))
    var theme: String?

    @Flag(inversion: .prefixedNo, help: "Draw with ASCII only (no Unicode glyphs or braille).")
    var ascii: Bool?

    @Option(parsing: .unconditional, help: ArgumentHelp("Frames per second, above 0 and at most 60 (default: 10).", valueName: "fps"))
    var fps: String?

    func validate() throws {
        do { _ = try LayeredSettings([layer]).screen() } catch { throw ValidationError(error.description) }
    }

    /// The command line's layer: the theme, fps and ASCII flags given.
    var layer: ConfigLayer {
        var layer = ConfigLayer()
        if let theme { layer[.theme] = Setting(theme, from: .flag("--theme")) }
        if let fps { layer[.fps] = Setting(fps, from: .flag("--fps")) }
        if let ascii { layer[.ascii] = Setting(ascii ? "on" : "off", from: .flag(ascii ? "--ascii" : "--no-ascii")) }
        return layer
    }

    static let noTerminal = "the screen needs a terminal (stdin and stdout a tty); `pooltop bench` and `pooltop sweep` run without one"

    /// Runs the screen over `source` with `settings` (the layers' theme, fps and ASCII) until the user quits;
    /// no terminal, or any other failure of the screen, is thrown as the `Failure` to report.
    static func show(_ source: some InspectorSource, settings: ScreenSettings) async throws {
        let app = InspectorApp(source: source, options: settings.inspectorOptions)
        // Runs after the terminal is restored (steps run in reverse): a signal's exit keeps the history entered.
        Termination.shared.onExit { app.waitForHistoryWrites() }
        try await running { try await app.run() }
    }

    /// The `pooltop watch` screen over what `collect` answers, in the same way.
    static func showWatch(target: String, settings: ScreenSettings, collect: @escaping @Sendable () async -> WatchSnapshot) async throws {
        let app = WatchApp(target: target, options: settings.inspectorOptions, collect: collect)
        try await running { try await app.run() }
    }

    /// Runs a screen with the terminal restored on every exit, its failures turned into the `Failure` to report.
    private static func running(_ screen: () async throws -> Void) async throws {
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

private extension ScreenSettings {
    var inspectorOptions: InspectorOptions { InspectorOptions(theme: theme, ascii: ascii, refreshRate: fps) }
}
