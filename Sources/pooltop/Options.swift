import ArgumentParser
import ConnectionPool
import LibPQ
import Workload

/// Where to connect. Without `--url`, the PG* environment when it names a server, else an embedded cluster.
struct TargetOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "PostgreSQL URL or key=value conninfo (default: PG* environment variables if they name a server, else a throwaway embedded cluster).",
        valueName: "url"))
    var url: String?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Abandon a statement whose link gives no sign of life for this long (the link is checked halfway); 0: never.",
        valueName: "duration"))
    var deadLinkTimeout = DurationArgument(duration: PostgresConnection.defaultDeadLinkTimeout)

    /// The bound to pass on: nil when turned off.
    var deadLinkBound: Duration? { deadLinkTimeout.duration > .zero ? deadLinkTimeout.duration : nil }
}

/// The pool's knobs: a preset, then any override.
struct PoolOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Start from a pool's defaults: \(Preset.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "name"))
    var preset: Preset = .sqlalchemy

    @Option(parsing: .unconditional, help: "Connections the pool keeps.")
    var poolSize: Int?

    @Option(parsing: .unconditional, help: "Extra connections under load (-1: unlimited).")
    var maxOverflow: Int?

    @Option(name: .customLong("timeout"), parsing: .unconditional, help: ArgumentHelp("Check-out timeout, e.g. 30s, 500ms.", valueName: "duration"))
    var checkoutTimeout: DurationArgument?

    @Option(parsing: .unconditional, help: ArgumentHelp("Close connections older than this (recycle).", valueName: "duration"))
    var maxLifetime: DurationArgument?

    @Option(parsing: .unconditional, help: ArgumentHelp("Close connections idle longer than this.", valueName: "duration"))
    var idleTimeout: DurationArgument?

    @Option(parsing: .unconditional, help: "Warm idle connections to keep open.")
    var minIdle: Int?

    @Flag(inversion: .prefixedNo, help: "Validate a connection before handing it out.")
    var prePing: Bool?

    @Option(help: ArgumentHelp("Which idle connection a check-out takes: lifo or fifo.", valueName: "order"))
    var idleOrder: IdleOrder?

    @Option(name: .customLong("reset"), help: ArgumentHelp("What check-in does: none, rollback, discard-all.", valueName: "mode"))
    var resetOnReturn: ResetMode?

    @Option(parsing: .unconditional, help: ArgumentHelp("Warn when a connection is held longer than this.", valueName: "duration"))
    var leakThreshold: DurationArgument?

    @Option(parsing: .unconditional, help: "Refuse check-outs beyond this many waiters.")
    var maxWaiters: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Back-off between failed connects: first..longest delay, doubling, e.g. 100ms..10s.", valueName: "range"))
    var connectRetry: BackoffArgument?

    func validate() throws {
        if let poolSize, poolSize < 0 { throw ValidationError("--pool-size must be 0 or more, not \(poolSize)") }
        if let maxOverflow, maxOverflow < -1 { throw ValidationError("--max-overflow must be -1 (unlimited) or more, not \(maxOverflow)") }
        if let minIdle, minIdle < 0 { throw ValidationError("--min-idle must be 0 or more, not \(minIdle)") }
        if let maxWaiters, maxWaiters < 0 { throw ValidationError("--max-waiters must be 0 or more, not \(maxWaiters)") }
        if (poolSize ?? 1) == 0 && (maxOverflow ?? 1) == 0 { throw ValidationError("--pool-size 0 with --max-overflow 0 allows no connection") }
    }

    /// The preset's knobs with the user's overrides applied.
    var configuration: PoolConfiguration {
        var configuration = preset.configuration
        var overridden = false
        func set<Value>(_ keyPath: WritableKeyPath<PoolConfiguration, Value>, _ value: Value?) {
            guard let value else { return }
            configuration[keyPath: keyPath] = value
            overridden = true
        }
        set(\.poolSize, poolSize)
        set(\.maxOverflow, maxOverflow)
        set(\.checkoutTimeout, checkoutTimeout?.duration)
        set(\.maxLifetime, maxLifetime.map { Optional($0.duration) })
        set(\.idleTimeout, idleTimeout.map { Optional($0.duration) })
        set(\.minimumIdle, minIdle)
        set(\.prePing, prePing)
        set(\.idleOrder, idleOrder)
        set(\.resetOnReturn, resetOnReturn)
        set(\.leakThreshold, leakThreshold.map { Optional($0.duration) })
        set(\.maxWaiters, maxWaiters.map { Optional($0) })
        set(\.connectRetry, connectRetry?.backoff)
        if overridden { configuration.presetName = "\(preset.rawValue)+custom" }
        return configuration
    }
}

extension IdleOrder: ExpressibleByArgument {}
extension ResetMode: ExpressibleByArgument {}
extension Preset: ExpressibleByArgument {}

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

/// `--connect-retry 100ms..10s`: the first and the longest delay between failed connects (doubling);
/// a single duration is the first delay, with the default cap.
struct BackoffArgument: ExpressibleByArgument {
    var backoff: Backoff

    init?(argument: String) {
        guard let backoff = Backoff(notation: argument) else { return nil }
        self.backoff = backoff
    }

    var defaultValueDescription: String { backoff.notation }
}
