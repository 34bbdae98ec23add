import ArgumentParser
import ConfigFile
import Inspector
import Workload

/// `pooltop watch`: the server's client pools, with no load and no pool of its own.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch a server's client pools: its connections grouped by application, client address, user and database.",
        discussion: """
            No load and no pool: one session of its own (application_name pooltop-watch, not counted) reads \
            pg_stat_activity every second. Without pg_read_all_stats other users' connections are counted as hidden. \
            Enter shows the selected pool's connections, s sorts, ? lists every key, q quits.
            """)

    @OptionGroup var target: TargetOptions
    @OptionGroup var screen: ScreenOptions
    @OptionGroup var config: ConfigOptions

    @Option(help: ArgumentHelp("How often pg_stat_activity is read, e.g. 1s, 500ms.", valueName: "duration"))
    var interval = DurationArgument(duration: .seconds(1))

    func validate() throws {
        guard interval.duration >= .milliseconds(100) else { throw ValidationError("--interval must be at least 100ms") }
    }

    /// The config file's target, theme, fps and ascii apply here too; its pool and load do not (watch has none).
    func run() async throws {
        let layered = try config.layered(flags: [target.layer, screen.layer])
        let settings = try layered.screenSettings()
        if config.printConfig { throw Failure.usage("--print-config: watch reads only target, dead_link_timeout, theme, fps and ascii from the config file") }
        let resolved = try await ResolvedTarget.resolve(layered.target)
        let monitor = ServerMonitor(target: resolved.target, applicationName: "pooltop-watch", deadLinkTimeout: try layered.deadLinkBound())
        let watcher = ServerWatcher(monitor: monitor, interval: interval.duration)
        // A wrong --url is one clear line, even without a terminal.
        if let unreachable = await watcher.poll().unavailable, resolved.embedded == nil {
            await monitor.close()
            throw Failure.usage("cannot watch \(resolved.label): \(unreachable.replacing("n/a: ", with: ""))")
        }
        do {
            try await watcher.watching { try await ScreenOptions.showWatch(target: resolved.label, settings: settings) { watcher.snapshot() } }
        } catch {
            await monitor.close()
            throw error
        }
        await monitor.close()
    }
}
