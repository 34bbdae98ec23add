import Foundation
import ConnectionPool

/// One bench run: the JSON object other tools read (keys in snake_case, sorted) plus a per-second timeline and extras.
/// Times are milliseconds, rounded to the microsecond; `qps` is `queries / seconds`.
public struct BenchReport: Sendable, Equatable, Codable {
    /// One second of the measured run.
    public struct TimelineEntry: Sendable, Equatable, Codable {
        public var second: Int
        public var qps: Double
        public var errors: Int
        public var timeouts: Int
        /// Among `errors`: statements whose connection was lost.
        public var lost: Int
        public var waitP99Ms: Double
        public var waitP50Ms: Double
        public var inUse: Int
        public var idle: Int
        public var overflow: Int
        public var waiters: Int

        public init(second: Int, qps: Double, errors: Int = 0, timeouts: Int = 0, lost: Int = 0, waitP99Ms: Double = 0,
                    waitP50Ms: Double = 0, inUse: Int = 0, idle: Int = 0, overflow: Int = 0, waiters: Int = 0) {
            self.second = second
            self.qps = qps
            self.errors = errors
            self.timeouts = timeouts
            self.lost = lost
            self.waitP99Ms = waitP99Ms
            self.waitP50Ms = waitP50Ms
            self.inUse = inUse
            self.idle = idle
            self.overflow = overflow
            self.waiters = waiters
        }

        /// The second as the timeline reports it: q/s to a tenth, times in milliseconds to the microsecond.
        public init(_ sample: LoadSample) {
            self.init(
                second: sample.second, qps: BenchReport.round(sample.qps, 1), errors: sample.errors, timeouts: sample.timeouts,
                lost: sample.lost,
                waitP99Ms: BenchReport.milliseconds(sample.waitP99), waitP50Ms: BenchReport.milliseconds(sample.waitP50),
                inUse: sample.inUse, idle: sample.idle, overflow: sample.overflow, waiters: sample.waiters)
        }

        enum CodingKeys: String, CodingKey {
            case second, qps, errors, timeouts, idle, overflow, waiters, lost
            case waitP99Ms = "wait_p99_ms", waitP50Ms = "wait_p50_ms", inUse = "in_use"
        }
    }

    /// The run's failures by kind. `connectionLost + query + connect` is `errors` (statements that
    /// failed); `checkoutTimeout` is `timeouts`; the `pool…` figures are the pool's own connect attempts
    /// and the connections it found lost (no statement need have failed for them).
    public struct ErrorKinds: Sendable, Equatable, Codable {
        public var connectionLost = 0
        public var query = 0
        /// No-pool mode: statements whose connection could not be opened.
        public var connect = 0
        public var checkoutTimeout = 0
        public var poolConnectFailures = 0
        public var poolConnectRefused = 0
        public var poolServerFull = 0
        public var poolConnectionsLost = 0

        public init() {}

        enum CodingKeys: String, CodingKey {
            case query, connect
            case connectionLost = "connection_lost", checkoutTimeout = "checkout_timeout"
            case poolConnectFailures = "pool_connect_failures", poolConnectRefused = "pool_connect_refused"
            case poolServerFull = "pool_server_full", poolConnectionsLost = "pool_connections_lost"
        }
    }

    // The keys other tools rely on.
    public var workers: Int
    public var poolSize: Int
    public var maxOverflow: Int
    public var query: String
    public var seconds: Double
    public var queries: Int
    public var qps: Double
    public var errors: Int
    public var timeouts: Int
    public var waitP50Ms: Double
    public var waitP99Ms: Double
    public var waitMaxMs: Double
    public var waitMeanMs: Double
    public var fairness: Double
    /// Connections opened while measuring (the warm-up's excluded); in no-pool mode, one per query.
    public var connectionsOpened: Int
    public var peakInUse: Int
    public var peakOverflow: Int
    public var timeline: [TimelineEntry]

    // Extras.
    public var preset: String
    public var mode: String
    public var warmUpSeconds: Double
    /// Mean statement time, check-out wait excluded (Little's law's "time in the system" per connection).
    public var queryMeanMs: Double
    /// Most connections open at once (what the server saw from this pool).
    public var peakOpen: Int
    public var peakWaiters: Int
    public var thinkMs: Double
    public var arrivalRate: Double?
    public var peakBacklog: Int
    public var dropped: Int
    public var rssMib: Double?
    public var peakRssMib: Double?
    public var errorKinds = ErrorKinds()
    /// What `--pgbouncer` saw of the pgbouncer the bench ran through (nil without it).
    public var pgbouncer: PgBouncerPeaks?

    public init(
        workers: Int, poolSize: Int, maxOverflow: Int, query: String, seconds: Double, queries: Int, qps: Double? = nil,
        errors: Int = 0, timeouts: Int = 0, waitP50Ms: Double = 0, waitP99Ms: Double = 0, waitMaxMs: Double = 0,
        waitMeanMs: Double = 0, fairness: Double = 1, connectionsOpened: Int = 0, peakInUse: Int = 0, peakOverflow: Int = 0,
        timeline: [TimelineEntry] = [], preset: String = "custom", mode: String = LoadMode.pool.rawValue,
        warmUpSeconds: Double = 0, queryMeanMs: Double = 0, peakOpen: Int = 0, peakWaiters: Int = 0, thinkMs: Double = 0,
        arrivalRate: Double? = nil, peakBacklog: Int = 0, dropped: Int = 0, rssMib: Double? = nil, peakRssMib: Double? = nil
    ) {
        self.workers = workers
        self.poolSize = poolSize
        self.maxOverflow = maxOverflow
        self.query = query
        self.seconds = seconds
        self.queries = queries
        self.qps = qps ?? (seconds > 0 ? Self.round(Double(queries) / seconds, 1) : 0)
        self.errors = errors
        self.timeouts = timeouts
        self.waitP50Ms = waitP50Ms
        self.waitP99Ms = waitP99Ms
        self.waitMaxMs = waitMaxMs
        self.waitMeanMs = waitMeanMs
        self.fairness = fairness
        self.connectionsOpened = connectionsOpened
        self.peakInUse = peakInUse
        self.peakOverflow = peakOverflow
        self.timeline = timeline
        self.preset = preset
        self.mode = mode
        self.warmUpSeconds = warmUpSeconds
        self.queryMeanMs = queryMeanMs
        self.peakOpen = peakOpen
        self.peakWaiters = peakWaiters
        self.thinkMs = thinkMs
        self.arrivalRate = arrivalRate
        self.peakBacklog = peakBacklog
        self.dropped = dropped
        self.rssMib = rssMib
        self.peakRssMib = peakRssMib
    }

    enum CodingKeys: String, CodingKey {
        case workers, query, seconds, queries, qps, errors, timeouts, fairness, timeline, preset, mode, dropped
        case poolSize = "pool_size", maxOverflow = "max_overflow"
        case waitP50Ms = "wait_p50_ms", waitP99Ms = "wait_p99_ms", waitMaxMs = "wait_max_ms", waitMeanMs = "wait_mean_ms"
        case connectionsOpened = "connections_opened", peakInUse = "peak_in_use", peakOverflow = "peak_overflow"
        case warmUpSeconds = "warm_up_seconds", queryMeanMs = "query_mean_ms", peakOpen = "peak_open"
        case peakWaiters = "peak_waiters", thinkMs = "think_ms", arrivalRate = "arrival_rate", peakBacklog = "peak_backlog"
        case rssMib = "rss_mib", peakRssMib = "peak_rss_mib", errorKinds = "errors_by_kind", pgbouncer
    }

    /// The one JSON object, keys sorted, on one line.
    public func json(pretty: Bool = false) -> String {
        String(decoding: Self.encode(self, pretty: pretty), as: UTF8.self)
    }

    static func encode<T: Encodable>(_ value: T, pretty: Bool) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        // Every value here is finite by construction (rounded numbers, counts), so encoding cannot fail.
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }

    /// A readable summary of the run, a few lines.
    public var summary: String {
        var lines: [String] = []
        let poolText = mode == LoadMode.noPool.rawValue
            ? "no pool (a connection per query)"
            : "pool_size \(poolSize) + max_overflow \(maxOverflow) (preset \(preset))"
        lines.append("pooltop bench: \(workers) workers, \(poolText), \(query), \(Self.format(seconds)) s measured")
        lines.append("  queries    \(queries)  (\(Self.format(qps)) q/s)   errors \(errors)   timeouts \(timeouts)")
        let kinds = errorKinds
        if errors + timeouts + kinds.poolConnectFailures + kinds.poolConnectionsLost > 0 {
            var text = "  errors     \(kinds.connectionLost) connection lost, \(kinds.query) query, \(kinds.checkoutTimeout) checkout timeout"
            if kinds.connect > 0 { text += ", \(kinds.connect) connect" }
            text += "; pool: \(kinds.poolConnectionsLost) connections lost, \(kinds.poolConnectFailures) connects failed"
            text += " (\(kinds.poolConnectRefused) refused, \(kinds.poolServerFull) server full)"
            lines.append(text)
        }
        lines.append("  wait       p50 \(Self.format(waitP50Ms)) ms   p99 \(Self.format(waitP99Ms)) ms   max \(Self.format(waitMaxMs)) ms   mean \(Self.format(waitMeanMs)) ms")
        lines.append("  query      mean \(Self.format(queryMeanMs)) ms")
        lines.append("  fairness   \(DecimalNotation.fixed(fairness, digits: 3)) (Jain's index over \(workers) workers' query counts)")
        lines.append("  pool       peak \(peakInUse) in use, \(peakOverflow) overflow, \(peakOpen) open, \(peakWaiters) waiting; \(connectionsOpened) connections opened")
        if let arrivalRate {
            lines.append("  open loop  \(Self.format(arrivalRate)) arrivals/s, peak backlog \(peakBacklog), dropped \(dropped)")
        }
        if let pgbouncer { lines.append(pgbouncer.summary) }
        if let rssMib {
            lines.append("  memory     \(Self.format(rssMib)) MiB resident" + (peakRssMib.map { " (peak \(Self.format($0)) MiB)" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }

    static func round(_ value: Double, _ digits: Int) -> Double {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return (value * scale).rounded() / scale
    }

    static func milliseconds(_ duration: Duration) -> Double { round(duration.milliseconds, 3) }

    /// About three significant figures, so columns of figures read at a glance: 1234, 183, 74.0, 13.2, 0.512.
    static func format(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude < 0.0005 { return "0" }
        let digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3
        return DecimalNotation.fixed(value, digits: digits)
    }
}
