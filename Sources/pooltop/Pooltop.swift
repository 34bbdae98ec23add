import ArgumentParser
import Foundation
import Inspector

/// `pooltop`: the screen by default; `bench` and `sweep` run the same experiments headless; `demo` shows the
/// screen over a simulated pool.
@main
struct Pooltop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pooltop",
        abstract: "Watch a real connection pool work against PostgreSQL, live, and size it with measurements.",
        discussion: """
            Defaults come from $XDG_CONFIG_HOME/pooltop/config.toml (else ~/.config/pooltop/config.toml; --config FILE \
            names another, --no-config skips it). Precedence, key by key: the config file < the environment (PG* \
            variables naming a server beat the file's target) < flags. --print-config shows the result.
            """,
        version: Pooltop.version,
        subcommands: [Top.self, DemoCommand.self, WatchCommand.self, BenchCommand.self, SweepCommand.self, ReplayCommand.self, CompletionsCommand.self, ServeEmbedded.self],
        defaultSubcommand: Top.self)

    /// Parses, runs, and turns every failure into one line on stderr and the documented exit codes
    /// (0 success, 1 runtime failure, 2 usage or connection error); clean-up runs on every path.
    static func main() async {
        Termination.shared.installSignalHandlers()
        let status: Int32
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            status = 0
        } catch let failure as Failure {
            Termination.shared.runCleanUp()
            printError(failure.message.singleLine)
            status = failure.code.rawValue
        } catch {
            Termination.shared.runCleanUp()
            if exitCode(for: error) == .success {
                print(fullMessage(for: error))
                status = 0
            } else {
                printError(message(for: error).singleLine + " (see pooltop --help)")
                status = Failure.Code.usageOrConnection.rawValue
            }
        }
        // Ctrl-\ on the screen sent SIGQUIT to this process too; its handler may not have run yet.
        if let raised = TerminalGuard.raisedSignal { Termination.shared.signalArrived(raised) }
        Termination.shared.runCleanUp()
        Foundation.exit(Termination.shared.exitStatus(status))
    }

    static func printError(_ line: String) {
        let text = line.hasPrefix("Error: ") ? String(line.dropFirst(7)) : line
        FileHandle.standardError.write(Data("pooltop: \(text)\n".utf8))
    }
}
