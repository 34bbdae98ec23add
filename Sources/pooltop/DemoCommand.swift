import ArgumentParser
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

    func run() async throws {
        try await screen.show(SimulatedSource())
    }
}
