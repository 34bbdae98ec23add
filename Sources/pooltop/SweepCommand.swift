import ArgumentParser
import ConfigFile
import Foundation
import ConnectionPool
import Workload

/// `pooltop sweep`: the bench over several pool sizes, with a recommendation and the reason for it.
struct SweepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run the bench over pool sizes (and worker counts or overflows) and recommend a size.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    @OptionGroup var target: TargetOptions
    @OptionGroup var pool: PoolOptions
    @OptionGroup var load: LoadOptions
    @OptionGroup var config: ConfigOptions
    @OptionGroup var metrics: MetricsOptions
    @OptionGroup var recording: RecordOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Pool sizes allowed: a list (2,4,8) or a range (1..16, 4..32:4); coarse steps are measured first, then the sizes around the knee (default: \(RunValue.sweepSizes)).", valueName: "sizes"))
    var sizes: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Runs per measured size, interleaved, to estimate the run-to-run spread.", valueName: "n"))
    var repeats: Int = 2

    @Flag(name: .customLong("every-size"), help: "Measure every size given instead of coarse steps refined around the knee.")
    var everySize = false

    @Option(name: .customLong("worker-counts"), parsing: .unconditional, help: ArgumentHelp("Also sweep worker counts (a list or range).", valueName: "counts"))
    var workerCounts: String?

    @Option(name: .customLong("overflows"), parsing: .unconditional, help: ArgumentHelp("Also sweep max overflow values (a list or range).", valueName: "values"))
    var overflows: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("How long each run measures (default: \(DurationNotation.format(RunValue.sweepDuration))).", valueName: "duration"))
    var duration: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Run this long before each measurement.", valueName: "duration"))
    var warmup: DurationArgument = DurationArgument(argument: "500ms")!

    @Option(name: .customLong("max-p99"), parsing: .unconditional, help: ArgumentHelp("The p99 check-out wait a recommendation may have.", valueName: "duration"))
    var maxP99: DurationArgument = DurationArgument(argument: "100ms")!

    @Option(help: "Output: table (with a chart), csv or json.")
    var format: Format = .table

    func validate() throws {
        do {
            _ = try LayeredSettings([ownLayer]).sweepSizes()
            _ = try LayeredSettings([ownLayer]).duration(.sweepDuration)
        } catch {
            throw ValidationError(error.description)
        }
        do {
            if let workerCounts { _ = try Sweep.parseSizes(workerCounts) }
            if let overflows { _ = try Sweep.parseSizes(overflows) }
        } catch {
            throw ValidationError(error.description)
        }
        if repeats < 1 { throw ValidationError("--repeats must be 1 or more, not \(repeats)") }
    }

    func run() async throws {
        var run = try RunSettings(config, flags: [target.layer, pool.layer, load.layer, ownLayer], loadDefaults: LoadSettings(workers: 32))
        // A sweep over pool sizes measures the core alone unless overflows are swept or given (by a flag or the file).
        if overflows == nil && run.layered[.pool(.maxOverflow)] == nil { run.pool.maxOverflow = 0 }
        if run.load.mode == .noPool, let mode = run.layered[.load(.mode)] {
            throw Failure.usage("\(mode.origin.label(for: .load(.mode))): a sweep measures pool sizes; no-pool is for bench")
        }
        if config.printConfig { return print(run.printed(keys: [.sweepDuration, .sweepSizes]), terminator: "") }
        let resolved = try await ResolvedTarget.resolve(run.layered.target)
        try await metrics.serving(for: resolved) { observer in try await sweep(resolved, run: run, observer: observer) }
    }

    private func sweep(_ resolved: ResolvedTarget, run: RunSettings, observer: (any PoolObserver)?) async throws {
        var bench = BenchOptions(
            target: resolved.target, pool: run.pool,
            load: run.load, duration: try run.duration(.sweepDuration), warmUp: warmup.duration,
            deadLinkTimeout: run.deadLinkTimeout, observer: observer)
        bench.recording = try recording.writer(
            command: "sweep", target: resolved.label, pool: bench.pool, load: bench.load, duration: bench.duration, warmUp: bench.warmUp)
        let options = try SweepOptions(
            bench: bench, poolSizes: run.sweepSizes(),
            workerCounts: workerCounts.map(Sweep.parseSizes) ?? [], maxOverflows: overflows.map(Sweep.parseSizes) ?? [],
            maxP99: maxP99.duration, repeats: repeats, adaptive: !everySize)
        let progress = ProgressLine(enabled: isatty(STDERR_FILENO) == 1)
        let result: SweepResult
        do {
            result = try await Sweep.run(options) { step in
                progress.show(
                    fraction: step.fraction,
                    label: "run \(step.index + 1)/\(step.total): pool_size \(step.poolSize), \(step.workers) workers, \(step.run.phase.rawValue)\(step.run.qps > 0 ? " \(Int(step.run.qps)) q/s" : "")")
            }
        } catch {
            progress.clear()
            throw error.failure
        }
        progress.clear()
        try bench.recording?.finish()
        switch format {
        case .table: print(result.table + "\n" + result.chart(width: terminalWidth()))
        case .csv: print(result.csv, terminator: "")
        case .json: print(result.json(pretty: false))
        }
    }

    /// `--duration` and `--sizes`, over the config file's `[sweep]`.
    var ownLayer: ConfigLayer {
        var layer = ConfigLayer()
        if let duration { layer[.sweepDuration] = Setting(duration, from: .flag("--duration")) }
        if let sizes { layer[.sweepSizes] = Setting(sizes, from: .flag("--sizes")) }
        return layer
    }

    private func terminalWidth() -> Int {
        var size = winsize()
        guard isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}

extension RunSettings {
    /// The pool sizes a sweep may try, from the layers; a refused value is a usage failure.
    func sweepSizes() throws -> [Int] {
        do { return try layered.sweepSizes() } catch { throw Failure.usage(error.description) }
    }
}
