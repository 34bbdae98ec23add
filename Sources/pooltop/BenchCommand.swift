import ArgumentParser
import ConfigFile
import ConnectionPool
import Foundation
import Workload

/// `pooltop bench`: one workload for a while, then a summary or the JSON object of docs/ARCHITECTURE.md's contract.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run one workload headless and report throughput, waits and fairness.",
        discussion: "Defaults: the reference workload W1 (32 workers, SELECT 1) with the chosen preset's pool.")

    @OptionGroup var target: TargetOptions
    @OptionGroup var pool: PoolOptions
    @OptionGroup var load: LoadOptions
    @OptionGroup var config: ConfigOptions
    @OptionGroup var pgbouncer: PgBouncerOptions
    @OptionGroup var metrics: MetricsOptions
    @OptionGroup var recording: RecordOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("How long to measure, e.g. 30s (default: \(DurationNotation.format(RunValue.benchDuration))).", valueName: "duration"))
    var duration: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Run this long first, excluded from the figures.", valueName: "duration"))
    var warmup: DurationArgument = DurationArgument(argument: "1s")!

    @Flag(help: "Connect per query instead of pooling (W4: what a pool saves).")
    var noPool = false

    @Flag(help: "Print one JSON object (the documented keys plus a per-second timeline).")
    var json = false

    func validate() throws {
        do { _ = try LayeredSettings([durationLayer]).duration(.benchDuration) } catch { throw ValidationError(error.description) }
    }

    func run() async throws {
        let run = try RunSettings(
            config, flags: [target.layer, pool.layer, load.layer, modeLayer, pgbouncer.layer, durationLayer], loadDefaults: LoadSettings(workers: 32))
        if config.printConfig { return print(run.printed(keys: [.pgbouncer, .benchDuration]), terminator: "") }
        var (options, resolved) = try await benchOptions(run)
        options.recording = try recording.writer(
            command: "bench", target: resolved.label, pool: options.pool, load: options.load, duration: options.duration,
            warmUp: options.warmUp)
        try await metrics.serving(for: resolved) { observer in
            var observed = options
            observed.observer = observer
            try await measure(observed)
        }
    }

    private func measure(_ options: BenchOptions) async throws {
        let progress = ProgressLine(enabled: isatty(STDERR_FILENO) == 1)
        let report: BenchReport
        do {
            report = try await Bench.run(options) { step in
                progress.show(fraction: step.fraction, label: "\(step.phase.rawValue) \(step.phase == .measuring ? "\(Int(step.qps)) q/s" : "")")
            }
        } catch {
            progress.clear()
            throw error.failure
        }
        progress.clear()
        try options.recording?.finish()
        print(json ? report.json(pretty: false) : report.summary)
    }

    /// `--duration`, over the config file's `[bench] duration`.
    var durationLayer: ConfigLayer {
        ConfigLayer(duration.map { [.benchDuration: Setting($0, from: .flag("--duration"))] } ?? [:])
    }

    /// `--no-pool` as the load's mode, over the config file's `[load] mode`.
    var modeLayer: ConfigLayer {
        ConfigLayer(noPool ? [.load(.mode): Setting(LoadMode.noPool.rawValue, from: .flag("--no-pool"))] : [:])
    }

    /// The run's options, and the target they run against (shown only masked).
    func benchOptions(_ run: RunSettings) async throws -> (BenchOptions, ResolvedTarget) {
        let resolved = try await ResolvedTarget.resolve(run.layered.target)
        let options = BenchOptions(
            target: resolved.target, pool: run.pool, load: run.load, mode: run.load.mode,
            duration: try run.duration(.benchDuration), warmUp: warmup.duration, deadLinkTimeout: run.deadLinkTimeout,
            pgbouncer: try run.pgbouncerTarget())
        return (options, resolved)
    }
}

extension WorkloadError {
    /// A connection problem is exit status 2, anything else 1.
    var failure: Failure {
        switch self {
        case .connectionFailed: return .connection(description)
        case .invalidOptions: return .usage(description)
        }
    }
}
