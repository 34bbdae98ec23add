import ArgumentParser
import ConnectionPool
import Workload

/// The load the pool is driven with. `--workers`, `--think`, `--rate` and `--mix` are read by their knob's own
/// parser (`LoadKnob.apply`), the one the knobs panel uses too.
struct LoadOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("Concurrent workers (closed loop).", valueName: "count"))
    var workers: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Pause between a worker's queries, e.g. 10ms.", valueName: "duration"))
    var think: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Open loop: queries arrive at this mean rate per second (Poisson); off: closed loop.", valueName: "qps"))
    var rate: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("One statement for every query, e.g. \"SELECT pg_sleep(0.01)\"; 'none' checks out and in only.", valueName: "sql"))
    var query: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("A weighted mix: select1, sleep(10ms), sleep(5ms..50ms), rw, none, 'ANY SQL', each with :weight.", valueName: "mix"))
    var mix: String?

    @Flag(help: "Start with the load paused.")
    var paused = false

    func validate() throws {
        if query != nil && mix != nil { throw ValidationError("give --query or --mix, not both") }
        _ = try settings(defaults: LoadSettings())
    }

    /// The settings these options describe, over `defaults` for what they leave out.
    func settings(defaults: LoadSettings) throws -> LoadSettings {
        var settings = defaults
        do {
            for case let (knob, text?) in [(LoadKnob.workers, workers), (.think, think), (.rate, rate), (.mix, mix)] {
                try knob.apply(text, to: &settings)
            }
        } catch {
            throw ValidationError(error.naming(KnobError.flag(error.knob)))
        }
        if let query {
            do { settings.mix = try QueryMix.single(query) } catch { throw ValidationError(error.description) }
        }
        settings.paused = paused
        return settings
    }
}
