import ArgumentParser
import ConfigFile
import ConnectionPool
import LibPQ
import Workload

/// Where to connect. Without `--url`, the PG* environment when it names a server, else the config file's
/// `target`, else an embedded cluster.
struct TargetOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "PostgreSQL URL or key=value conninfo (default: PG* environment variables if they name a server, else the config file's target, else a throwaway embedded cluster).",
        valueName: "url"))
    var url: String?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Abandon a statement whose link gives no sign of life for this long (the link is checked halfway); 0 or off: never (default: \(DurationNotation.format(PostgresConnection.defaultDeadLinkTimeout))).",
        valueName: "duration"))
    var deadLinkTimeout: String?

    func validate() throws {
        do { _ = try LayeredSettings([layer]).deadLinkTimeout() } catch { throw ValidationError(error.description) }
    }

    /// The command line's layer: the target `--url` gives, and `--dead-link-timeout`.
    var layer: ConfigLayer {
        var layer = ConfigLayer()
        if let url { layer[.target] = Setting(url, from: .flag("--url")) }
        if let deadLinkTimeout { layer[.deadLinkTimeout] = Setting(deadLinkTimeout, from: .flag("--dead-link-timeout")) }
        return layer
    }
}

/// The pool's knobs: a preset, then any override. Each value is read by its knob's own parser
/// (`PoolKnob.apply`, through `LayeredSettings.pool`), the one the knobs panel and the config file use too.
struct PoolOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Start from a pool's defaults: \(Preset.allCases.map(\.rawValue).joined(separator: ", ")) (default: sqlalchemy).", valueName: "name"),
            completion: .list(Preset.allCases.map(\.rawValue)))
    var preset: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Connections the pool keeps.", valueName: "count"))
    var poolSize: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Extra connections under load (-1 or unlimited: no limit).", valueName: "count"))
    var maxOverflow: String?

    @Option(name: .customLong("timeout"), parsing: .unconditional, help: ArgumentHelp("Check-out timeout, e.g. 30s, 500ms.", valueName: "duration"))
    var checkoutTimeout: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Close connections older than this (recycle), or off.", valueName: "duration"))
    var maxLifetime: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Close connections idle longer than this, or off.", valueName: "duration"))
    var idleTimeout: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Warm idle connections to keep open.", valueName: "count"))
    var minIdle: String?

    @Flag(inversion: .prefixedNo, help: "Validate a connection before handing it out.")
    var prePing: Bool?

    @Option(help: ArgumentHelp("Which idle connection a check-out takes: lifo or fifo.", valueName: "order"),
            completion: .list(IdleOrder.allCases.map(\.rawValue)))
    var idleOrder: String?

    @Option(name: .customLong("reset"), help: ArgumentHelp("What check-in does: none, rollback, discard-all.", valueName: "mode"),
            completion: .list(ResetMode.allCases.map(\.rawValue)))
    var resetOnReturn: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Warn when a connection is held longer than this, or off.", valueName: "duration"))
    var leakThreshold: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Refuse check-outs beyond this many waiters, or unlimited.", valueName: "count"))
    var maxWaiters: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Back-off between failed connects: first..longest delay, doubling, e.g. 100ms..10s.", valueName: "range"))
    var connectRetry: String?

    /// The flags alone are checked at parse time; with the config file under them, again when the command runs.
    func validate() throws {
        do { _ = try LayeredSettings([layer]).pool() } catch { throw ValidationError(error.description) }
    }

    /// The command line's layer: the preset and every knob given, each named by its flag.
    var layer: ConfigLayer {
        var layer = ConfigLayer()
        if let preset { layer[.preset] = Setting(preset, from: .flag("--preset")) }
        let texts: [(PoolKnob, String?)] = [
            (.poolSize, poolSize), (.maxOverflow, maxOverflow), (.timeout, checkoutTimeout), (.maxLifetime, maxLifetime),
            (.idleTimeout, idleTimeout), (.minIdle, minIdle), (.prePing, prePing.map { $0 ? "on" : "off" }),
            (.idleOrder, idleOrder), (.reset, resetOnReturn), (.leakThreshold, leakThreshold), (.maxWaiters, maxWaiters),
            (.connectRetry, connectRetry),
        ]
        for case let (knob, text?) in texts {
            let flag = knob == .prePing && text == "off" ? "--no-pre-ping" : KnobError.flag(knob.name)
            layer[.pool(knob)] = Setting(text, from: .flag(flag))
        }
        return layer
    }
}

/// A duration on the command line, in `DurationNotation`: "250ms", "2s", "1.5m", "1h"; a bare number is seconds.
struct DurationArgument: ExpressibleByArgument {
    var duration: Duration

    init?(argument: String) {
        guard let duration = DurationNotation.parse(argument) else { return nil }
        self.duration = duration
    }

    init(duration: Duration) { self.duration = duration }

    /// How --help shows a default: "10s", not the struct.
    var defaultValueDescription: String { DurationNotation.format(duration) }
}
