import ArgumentParser
import LibPQ
import Workload

/// `--pgbouncer URL`: a pgbouncer's admin console to watch beside the pool.
struct PgBouncerOptions: ParsableArguments {
    @Option(name: .customLong("pgbouncer"), help: ArgumentHelp(
        "A pgbouncer's admin console (database pgbouncer, a user in admin_users or stats_users) to draw beside the pool, e.g. postgresql://user@host:6432/pgbouncer.",
        valueName: "url"))
    var url: String?

    func validate() throws {
        guard let url else { return }
        do { _ = try ConnectionTarget(url) } catch { throw ValidationError("--pgbouncer: \(error.message)") }
    }

    /// The admin console's target; nil without `--pgbouncer`.
    func target() throws -> ConnectionTarget? {
        guard let url else { return nil }
        do {
            return try ConnectionTarget(url)
        } catch {
            throw Failure.usage("--pgbouncer: \(error.message)")
        }
    }

    /// A monitor of the admin console; nil without `--pgbouncer`.
    func monitor() throws -> PgBouncerMonitor? {
        try target().map { PgBouncerMonitor(target: $0) }
    }
}
