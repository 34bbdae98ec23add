import ArgumentParser
import ConfigFile
import ConnectionPool
import EmbeddedPostgres
import Foundation
import Workload

/// Which config file gives the defaults, and `--print-config`. The rule: the config file < the environment
/// (PG* naming a server beats the file's target) < the flags, key by key.
struct ConfigOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: ArgumentHelp(
        "Read defaults from this TOML file instead of $XDG_CONFIG_HOME/pooltop/config.toml (else ~/.config/pooltop/config.toml). The file < the environment (PG*) < flags.",
        valueName: "file"), completion: .file(extensions: ["toml"]))
    var configFile: String?

    @Flag(name: .customLong("no-config"), help: "Read no config file.")
    var noConfig = false

    @Flag(name: .customLong("print-config"), help: "Print what the command would run with, as a config file with where each value came from (the password masked), and exit.")
    var printConfig = false

    func validate() throws {
        if noConfig && configFile != nil { throw ValidationError("give --config or --no-config, not both") }
    }

    /// The config file's layer, the environment's and the command line's (`flags`, the option groups' layers) stacked.
    func layered(flags: [ConfigLayer], environment: [String: String] = ProcessInfo.processInfo.environment) throws -> LayeredSettings {
        let file: ConfigLayer
        do {
            if let configFile {
                file = try ConfigFile.load(path: configFile, required: true)
            } else if !noConfig, let path = ConfigFile.defaultPath(environment: environment) {
                file = try ConfigFile.load(path: path, required: false)
            } else {
                file = ConfigLayer()
            }
        } catch {
            throw Failure.usage(error.description)
        }
        let variables = ConfigLayer.environment(serverVariable: EmbeddedPostgres.serverNamingVariable(in: environment))
        return LayeredSettings([file, variables, flags.reduce(ConfigLayer()) { $0.merging($1) }])
    }
}

/// What a command runs with once the layers are stacked: the pool, the load, where to connect.
struct RunSettings {
    var layered: LayeredSettings
    var pool: PoolConfiguration
    var load: LoadSettings
    /// The bound on a statement over a silent link; nil: none.
    var deadLinkTimeout: Duration?

    /// Stacks the layers and reads the pool, the load (over `loadDefaults`) and the dead-link bound; a refused
    /// value is a usage failure.
    init(_ config: ConfigOptions, flags: [ConfigLayer], loadDefaults: LoadSettings) throws {
        layered = try config.layered(flags: flags)
        do {
            pool = try layered.pool()
            load = try layered.load(defaults: loadDefaults)
            deadLinkTimeout = try layered.deadLinkTimeout()
        } catch {
            throw Failure.usage(error.description)
        }
    }

    /// The screen's settings from the same layers.
    func screen() throws -> ScreenSettings { try layered.screenSettings() }

    /// A bench's or a sweep's measuring time (`.benchDuration`, `.sweepDuration`) from the same layers.
    func duration(_ key: ConfigKey) throws -> Duration {
        do { return try layered.duration(key) } catch { throw Failure.usage(error.description) }
    }

    /// `--print-config`'s output, with the command's own `keys`.
    func printed(screen: ScreenSettings? = nil, keys: [ConfigKey]) -> String {
        layered.printed(pool: pool, load: load, screen: screen, keys: [.deadLinkTimeout] + keys)
    }
}

extension LayeredSettings {
    /// The layers' theme, fps and ascii; a refused value is a usage failure.
    func screenSettings() throws -> ScreenSettings {
        do { return try screen() } catch { throw Failure.usage(error.description) }
    }

    /// The layers' dead-link bound (nil: none); a refused value is a usage failure.
    func deadLinkBound() throws -> Duration? {
        do { return try deadLinkTimeout() } catch { throw Failure.usage(error.description) }
    }
}
