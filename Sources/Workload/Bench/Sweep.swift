import ConnectionPool
import LibPQ

/// A sweep: the same load benched over several pool sizes (and optionally worker counts or overflows).
public struct SweepOptions: Sendable {
    /// The load, target, duration and the pool's other knobs; `pool.poolSize`, `pool.maxOverflow` and
    /// `load.workers` are replaced per run.
    public var bench: BenchOptions
    /// The sizes allowed; an adaptive sweep measures some of them (`SweepPlan`).
    public var poolSizes: [Int]
    /// Empty: the bench's own worker count only.
    public var workerCounts: [Int]
    /// Empty: the bench's own max_overflow only.
    public var maxOverflows: [Int]
    /// The p99 check-out wait still called acceptable.
    public var maxP99: Duration
    /// Runs per measured size (interleaved), so the run-to-run spread can be told from a real difference.
    public var repeats: Int
    /// Coarse sizes first, then the ones around the knee; false measures every size.
    public var adaptive: Bool

    public init(bench: BenchOptions, poolSizes: [Int], workerCounts: [Int] = [], maxOverflows: [Int] = [],
                maxP99: Duration = .milliseconds(100), repeats: Int = 2, adaptive: Bool = true) {
        self.bench = bench
        self.poolSizes = poolSizes
        self.workerCounts = workerCounts
        self.maxOverflows = maxOverflows
        self.maxP99 = maxP99
        self.repeats = repeats
        self.adaptive = adaptive
    }

    /// Every load in order (each worker count, each overflow), as the bench options without a pool size.
    public var loads: [BenchOptions] {
        var loads: [BenchOptions] = []
        for workers in workerCounts.isEmpty ? [bench.load.workers] : workerCounts {
            for overflow in maxOverflows.isEmpty ? [bench.pool.maxOverflow] : maxOverflows {
                var options = bench
                options.load.workers = workers
                options.pool.maxOverflow = overflow
                loads.append(options)
            }
        }
        return loads
    }

    public var plan: SweepPlan { SweepPlan(candidates: poolSizes, repeats: repeats, adaptive: adaptive) }
}

/// Where a sweep is: run `index` of `total` (0-based), and that run's progress.
public struct SweepProgress: Sendable, Equatable {
    public var index: Int
    public var total: Int
    public var poolSize: Int
    public var workers: Int
    public var maxOverflow: Int
    public var run: BenchProgress

    /// 0…1 over the whole sweep.
    public var fraction: Double {
        guard total > 0 else { return 1 }
        let within = run.phase == .warmUp ? 0 : run.fraction
        return min(1, (Double(index) + within) / Double(total))
    }
}

public enum Sweep {
    /// Parses "5,10,15" or a range "5..20" or "5..20:5" (step) into pool sizes.
    public static func parseSizes(_ text: String) throws(WorkloadError) -> [Int] {
        var sizes: [Int] = []
        for part in text.split(separator: ",") {
            let item = String(part).trimmingSpaces()
            if let range = item.range(of: "..") {
                let low = item[..<range.lowerBound]
                var rest = String(item[range.upperBound...])
                var step = 1
                if let colon = rest.firstIndex(of: ":") {
                    guard let parsed = Int(rest[rest.index(after: colon)...]), parsed > 0 else {
                        throw .invalidOptions("bad step in \"\(item)\"")
                    }
                    step = parsed
                    rest = String(rest[..<colon])
                }
                guard let start = Int(low), let end = Int(rest), start <= end else {
                    throw .invalidOptions("bad range \"\(item)\" (try 5..20 or 5..20:5)")
                }
                sizes.append(contentsOf: stride(from: start, through: end, by: step))
            } else {
                guard let size = Int(item) else { throw .invalidOptions("\"\(item)\" is not a number") }
                sizes.append(size)
            }
        }
        guard !sizes.isEmpty else { throw .invalidOptions("no sizes given") }
        guard sizes.allSatisfy({ $0 >= 0 }) else { throw .invalidOptions("sizes must not be negative") }
        return sizes
    }

    /// Measures each load by its plan (a fresh pool each run) and recommends a size per load.
    public static func run(
        _ options: SweepOptions, progress: (@Sendable (SweepProgress) -> Void)? = nil
    ) async throws(WorkloadError) -> SweepResult {
        guard !options.poolSizes.isEmpty else { throw .invalidOptions("no pool sizes to sweep") }
        let plan = options.plan
        let loads = options.loads
        var total = plan.maxRuns * loads.count
        var done = 0
        var reports: [BenchReport] = []
        for (loadIndex, load) in loads.enumerated() {
            var ofLoad: [BenchReport] = []
            for round in 0..<3 {
                let sizes = switch round {
                case 0: plan.firstRound
                case 1: plan.extraPass(after: ofLoad, maxP99: options.maxP99)
                default: plan.refinement(after: ofLoad, maxP99: options.maxP99)
                }
                if round == 1 {
                    total += sizes.count
                } else if round == 2 {
                    // The rest of this load's runs are known now; later loads keep their estimate.
                    total = done + sizes.count + plan.maxRuns * (loads.count - loadIndex - 1)
                }
                for size in sizes {
                    var run = load
                    run.pool.poolSize = size
                    let (index, runs, workers, overflow) = (done, total, run.load.workers, run.pool.maxOverflow)
                    let report = try await Bench.run(run) { benchProgress in
                        progress?(SweepProgress(index: index, total: runs, poolSize: size, workers: workers,
                                                maxOverflow: overflow, run: benchProgress))
                    }
                    ofLoad.append(report)
                    done += 1
                }
            }
            reports += ofLoad
        }
        return SweepResult(reports: reports, maxP99: options.maxP99)
    }
}
