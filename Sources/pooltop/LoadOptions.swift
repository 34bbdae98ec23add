import ArgumentParser
import Workload

/// The load the pool is driven with.
struct LoadOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Concurrent workers (closed loop).")
    var workers: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Pause between a worker's queries, e.g. 10ms.", valueName: "duration"))
    var think: DurationArgument?

    @Option(parsing: .unconditional, help: ArgumentHelp("Open loop: queries arrive at this mean rate per second (Poisson).", valueName: "qps"))
    var rate: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("One statement for every query, e.g. \"SELECT pg_sleep(0.01)\"; 'none' checks out and in only.", valueName: "sql"))
    var query: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("A weighted mix: select1, sleep(10ms), sleep(5ms..50ms), rw, none, 'ANY SQL', each with :weight.", valueName: "mix"))
    var mix: String?

    @Flag(help: "Start with the load paused.")
    var paused = false

    func validate() throws {
        if let workers, workers < 0 { throw ValidationError("--workers must be 0 or more, not \(workers)") }
        if let rate, !(rate > 0 && rate.isFinite) { throw ValidationError("--rate must be a positive number of queries per second") }
        if query != nil && mix != nil { throw ValidationError("give --query or --mix, not both") }
        _ = try queryMix(default: .selectOne)
    }

    /// The settings these options describe, over `defaults` for what they leave out.
    func settings(defaults: LoadSettings) throws -> LoadSettings {
        var settings = defaults
        if let workers { settings.workers = workers }
        if let think { settings.thinkTime = think.duration }
        if let rate { settings.arrivalRate = rate }
        settings.mix = try queryMix(default: defaults.mix)
        settings.paused = paused
        return settings
    }

    private func queryMix(default mix: QueryMix) throws -> QueryMix {
        do {
            if let query { return try QueryMix.single(query) }
            if let text = self.mix { return try QueryMix.parse(text) }
            return mix
        } catch {
            throw ValidationError(error.description)
        }
    }
}
