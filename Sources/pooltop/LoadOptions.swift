import ArgumentParser
import ConfigFile
import ConnectionPool
import Workload

/// The load the pool is driven with. `--workers`, `--think`, `--rate`, `--mix` and `--query` are read by their
/// knob's own parser (`LoadKnob.apply`, through `LayeredSettings.load`), the one the knobs panel and the config
/// file use too.
struct LoadOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("Concurrent workers (closed loop).", valueName: "count"))
    var workers: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Pause between a worker's queries, e.g. 10ms.", valueName: "duration"))
    var think: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Open loop: queries arrive at this mean rate per second (Poisson); off: closed loop.", valueName: "qps"))
    var rate: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("One statement for every query, e.g. \"SELECT pg_sleep(0.01)\"; 'none' checks out and in only.", valueName: "sql"))
    var query: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("A weighted mix: select1, sleep(10ms), sleep(5ms..50ms), rw, none, 'ANY SQL', each with :weight.", valueName: "mix"),
            completion: .list([QueryKind.selectOne, .readWrite, .none, .sleep(.milliseconds(10))].map(\.mixToken)))
    var mix: String?

    @Flag(inversion: .prefixedNo, help: "Start with the load paused (or not, over the config file's paused).")
    var paused: Bool?

    func validate() throws {
        if query != nil && mix != nil { throw ValidationError("give --query or --mix, not both") }
        do { _ = try LayeredSettings([layer]).load(defaults: LoadSettings()) } catch { throw ValidationError(error.description) }
    }

    /// The command line's layer: every load knob given and `--paused`, each named by its flag.
    var layer: ConfigLayer {
        var layer = ConfigLayer()
        for case let (key, text?) in [(ConfigKey.load(.workers), workers), (.load(.think), think), (.load(.rate), rate), (.load(.mix), mix), (.query, query)] {
            layer[key] = Setting(text, from: .flag(KnobError.flag(key.name)))
        }
        if let paused { layer[.paused] = Setting(paused ? "on" : "off", from: .flag(paused ? "--paused" : "--no-paused")) }
        return layer
    }
}
