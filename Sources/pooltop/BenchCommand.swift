import ArgumentParser
import ConfigFile
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

    @Option(parsing: .unconditional, help: ArgumentHelp("How long to measure, e.g. 10s.", valueName: "duration"))
    var duration: DurationArgument = DurationArgument(argument: "10s")!

    @Option(parsing: .unconditional, help: ArgumentHelp("Run this long first, excluded from the figures.", valueName: "duration"))
    var warmup: DurationArgument = DurationArgument(argument: "1s")!

    @Flag(help: "Connect per query instead of pooling (W4: what a pool saves).")
    var noPool = false

    @Flag(help: "Print one JSON object (the documented keys plus a per-second timeline).")
    var json = false

    func validate() throws {
        if duration.duration <= .zero { throw ValidationError("--duration must be positive") }
    }

    func run() async throws {
        let run = try RunSettings(config, flags: [target.layer, pool.layer, load.layer, modeLayer], loadDefaults: LoadSettings(workers: 32), paused: load.paused)
        if config.printConfig { return print(run.printed(), terminator: "") }
        var (options, label) = try await benchOptions(run)
        options.recording = try recording.writer(
            command: "bench", target: label, pool: options.pool, load: options.load, duration: options.duration,
            warmUp: options.warmUp)
        try await metrics.serving(for: options.target) { observer in
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

    /// `--no-pool` as the load's mode, over the config file's `[load] mode`.
    var modeLayer: ConfigLayer {
        ConfigLayer(noPool ? [.load(.mode): Setting(LoadMode.noPool.rawValue, from: .flag("--no-pool"))] : [:])
    }

    /// The run's options, and the target as it may be shown (masked).
    func benchOptions(_ run: RunSettings) async throws -> (BenchOptions, String) {
        let resolved = try await ResolvedTarget.resolve(run.layered.target)
        let options = BenchOptions(
            target: resolved.target, pool: run.pool, load: run.load, mode: run.load.mode,
            duration: duration.duration, warmUp: warmup.duration, deadLinkTimeout: target.deadLinkBound, pgbouncer: try pgbouncer.target())
        return (options, resolved.label)
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
