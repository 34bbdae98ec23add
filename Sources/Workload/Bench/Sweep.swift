import ConnectionPool
import LibPQ

/// A sweep: the same load benched over several pool sizes (and optionally worker counts or overflows).
public struct SweepOptions: Sendable {
    /// The load, target, duration and the pool's other knobs; `pool.poolSize`, `pool.maxOverflow` and
    /// `load.workers` are replaced per run.
    public var bench: BenchOptions
    public var poolSizes: [Int]
    /// Empty: the bench's own worker count only.
    public var workerCounts: [Int]
    /// Empty: the bench's own max_overflow only.
    public var maxOverflows: [Int]
    /// The p99 check-out wait still called acceptable.
    public var maxP99: Duration

    public init(bench: BenchOptions, poolSizes: [Int], workerCounts: [Int] = [], maxOverflows: [Int] = [],
                maxP99: Duration = .milliseconds(100)) {
        self.bench = bench
        self.poolSizes = poolSizes
        self.workerCounts = workerCounts
        self.maxOverflows = maxOverflows
        self.maxP99 = maxP99
    }

    /// Every run in order: for each worker count, for each overflow, each pool size.
    public var runs: [BenchOptions] {
        var runs: [BenchOptions] = []
        for workers in workerCounts.isEmpty ? [bench.load.workers] : workerCounts {
            for overflow in maxOverflows.isEmpty ? [bench.pool.maxOverflow] : maxOverflows {
                for size in poolSizes {
                    var options = bench
                    options.load.workers = workers
                    options.pool.maxOverflow = overflow
                    options.pool.poolSize = size
                    runs.append(options)
                }
            }
        }
        return runs
    }
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

    /// Runs every bench of the sweep in turn (a fresh pool each) and recommends a size per load.
    public static func run(
        _ options: SweepOptions, progress: (@Sendable (SweepProgress) -> Void)? = nil
    ) async throws(WorkloadError) -> SweepResult {
        guard !options.poolSizes.isEmpty else { throw .invalidOptions("no pool sizes to sweep") }
        let runs = options.runs
        var reports: [BenchReport] = []
        for (index, run) in runs.enumerated() {
            let report = try await Bench.run(run) { benchProgress in
                progress?(SweepProgress(index: index, total: runs.count, poolSize: run.pool.poolSize,
                                        workers: run.load.workers, maxOverflow: run.pool.maxOverflow, run: benchProgress))
            }
            reports.append(report)
        }
        return SweepResult(reports: reports, maxP99: options.maxP99)
    }
}
