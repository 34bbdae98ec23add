import ArgumentParser
import ConfigFile
import LibPQ
import Workload

/// `--pgbouncer URL`: a pgbouncer's admin console to watch beside the pool (over the config file's `pgbouncer`).
struct PgBouncerOptions: ParsableArguments {
    @Option(name: .customLong("pgbouncer"), help: ArgumentHelp(
        "A pgbouncer's admin console (database pgbouncer, a user in admin_users or stats_users) to draw beside the pool, e.g. postgresql://user@host:6432/pgbouncer.",
        valueName: "url"))
    var url: String?

    func validate() throws {
        do { _ = try LayeredSettings([layer]).pgbouncer() } catch { throw ValidationError(error.description) }
    }

    /// The command line's layer: the console `--pgbouncer` names.
    var layer: ConfigLayer { ConfigLayer(url.map { [.pgbouncer: Setting($0, from: .flag("--pgbouncer"))] } ?? [:]) }
}

extension RunSettings {
    /// The admin console's target (`--pgbouncer`, else the config file's); nil when neither names one.
    func pgbouncerTarget() throws -> ConnectionTarget? {
        do { return try layered.pgbouncer() } catch { throw Failure.usage(error.description) }
    }

    /// A monitor of the admin console; nil without one.
    func pgbouncerMonitor() throws -> PgBouncerMonitor? {
        try pgbouncerTarget().map { PgBouncerMonitor(target: $0) }
    }
}
