import ArgumentParser
import ConfigFile
import Inspector

/// `pooltop demo`: the screen over a simulated pool and load, so it can be seen with no PostgreSQL at all.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "The live screen over a simulated pool: no database needed.",
        discussion: """
            Nothing connects anywhere: a pretend pool with SQLAlchemy's defaults (5 + 10 overflow) under a pretend \
            load of 12 workers. The pool, load and display keys work as on the real screen; the SQL console answers \
            SELECT with one row and anything else with an error. Press ? on the screen for every key.
            """)

    @OptionGroup var screen: ScreenOptions
    @OptionGroup var config: ConfigOptions

    /// The config file's theme, fps and ascii apply here too; its pool and load do not (the demo's are pretend).
    func run() async throws {
        let settings = try config.layered(flags: [screen.layer]).screenSettings()
        if config.printConfig { throw Failure.usage("--print-config: the demo reads only theme, fps and ascii from the config file") }
        try await ScreenOptions.show(SimulatedSource(), settings: settings)
    }
}
