import ConnectionPool
import Workload

/// What limits the live load, from the last seconds' samples: Little's law's busy connections (q/s × query
/// time), the share of a worker's time spent waiting for a connection against running its query, and a verdict.
///
/// Rules: hardly any waiting for a connection → client-bound (the workers set the pace). Waiting → the pool or
/// the server: server-bound when at least as many server backends run on CPU as there are cores, or when the
/// query time grew in proportion to the connections in use since quieter seconds of the same run (Little's law:
/// the added connections only queue inside the server); else pool-bound.
public struct LoadVerdict: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case idle
        case poolBound = "pool-bound"
        case serverBound = "server-bound"
        case clientBound = "client-bound"
    }

    public var kind: Kind
    public var qps: Double
    public var queryTime: Duration
    /// Little's law: connections busy on average = throughput × query time.
    public var busy: Double
    /// Share of wait + query spent waiting for a connection, 0…1.
    public var waitShare: Double

    /// The one-line verdict.
    public var text: String {
        switch kind {
        case .idle: "idle: no queries completed in the last seconds"
        case .poolBound: "pool-bound: more connections would raise throughput"
        case .serverBound: "server-bound: more connections only queue inside the server"
        case .clientBound: "client-bound: connections wait for work; the workers set the pace"
        }
    }

    /// Seconds of samples the verdict averages.
    public static let window = 5
    /// Under this share of time waiting for a connection, the pool is not what holds the workers back.
    public static let waitingShare = 0.1
    /// Query time growing at least this share of the growth in connections counts as queueing in the server.
    static let proportional = 0.5
    /// Fewer quieter seconds than this (a start-up ramp) are no baseline.
    static let minimumQuieterSeconds = 3

    /// The verdict over the newest `window` samples; `onCPU` is the server backends running without a wait
    /// event (nil when unknown) and `cores` the processors they share.
    public static func assess(samples: [LoadSample], onCPU: Int?, cores: Int) -> LoadVerdict {
        let recent = samples.suffix(window).filter { $0.qps > 0 }
        guard let now = Level(recent) else {
            return LoadVerdict(kind: .idle, qps: 0, queryTime: .zero, busy: 0, waitShare: 0)
        }
        let waitShare = now.wait + now.query > 0 ? now.wait / (now.wait + now.query) : 0
        let kind: Kind
        if waitShare < waitingShare {
            kind = .clientBound
        } else if let onCPU, onCPU >= cores {
            kind = .serverBound
        } else if let growth = queryTimeGrowth(to: now, history: samples.dropLast(window)), growth >= proportional {
            kind = .serverBound
        } else {
            kind = .poolBound
        }
        return LoadVerdict(kind: kind, qps: now.qps, queryTime: .seconds(now.query), busy: now.qps * now.query,
                           waitShare: waitShare)
    }

    /// Query time growth against connection growth since the earlier seconds with at most 60 % of today's
    /// connections in use: 1 when it grew in proportion, 0 when it stayed put. Nil without enough such seconds.
    static func queryTimeGrowth(to now: Level, history: ArraySlice<LoadSample>) -> Double? {
        let quieter = history.filter { $0.qps > 0 && $0.queryMean > .zero && Double($0.inUse) <= 0.6 * now.inUse }
        guard quieter.count >= minimumQuieterSeconds, let before = Level(Array(quieter)), before.inUse > 0, before.query > 0
        else { return nil }
        return (now.query / before.query - 1) / (now.inUse / before.inUse - 1)
    }

    /// Samples averaged: throughput, and the query and wait times weighted by each second's queries.
    struct Level {
        var qps: Double
        var query: Double
        var wait: Double
        var inUse: Double

        init?(_ samples: [LoadSample]) {
            let queries = samples.reduce(0) { $0 + $1.qps }
            guard !samples.isEmpty, queries > 0 else { return nil }
            qps = queries / Double(samples.count)
            query = samples.reduce(0) { $0 + $1.queryMean.seconds * $1.qps } / queries
            wait = samples.reduce(0) { $0 + $1.waitMean.seconds * $1.qps } / queries
            inUse = samples.reduce(0) { $0 + Double($1.inUse) } / Double(samples.count)
        }
    }
}
