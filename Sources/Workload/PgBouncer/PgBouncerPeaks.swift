/// What a bench through pgbouncer saw of it (`--pgbouncer`): the most clients waiting inside pgbouncer and the
/// longest wait of the pools that serve the bench's connections, polled while it measured. The JSON's `pgbouncer`.
public struct PgBouncerPeaks: Sendable, Equatable, Codable {
    public var polls = 0
    /// Polls that could not see pgbouncer; `lastUnavailable` says why.
    public var unavailablePolls = 0
    public var lastUnavailable: String?
    /// The pools that served the bench's connections ("database/user"), sorted.
    public var pools: [String] = []
    public var maxClientsWaiting = 0
    public var maxClientsActive = 0
    public var maxServersActive = 0
    public var maxWaitMs = 0.0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case polls, pools
        case unavailablePolls = "unavailable_polls", lastUnavailable = "last_unavailable"
        case maxClientsWaiting = "max_cl_waiting", maxClientsActive = "max_cl_active", maxServersActive = "max_sv_active"
        case maxWaitMs = "max_maxwait_ms"
    }

    /// Takes one poll into account: the pools serving clients named `application`, summed.
    public mutating func observe(_ snapshot: PgBouncerSnapshot, application: String) {
        polls += 1
        if let reason = snapshot.unavailable {
            unavailablePolls += 1
            lastUnavailable = reason
            return
        }
        let serving = snapshot.pools(servingApplication: application)
        pools = Array(Set(pools + serving.map(\.id))).sorted()
        let total = PgBouncerSample(at: .zero, pools: serving)
        maxClientsWaiting = max(maxClientsWaiting, total.clientsWaiting)
        maxClientsActive = max(maxClientsActive, total.clientsActive)
        maxServersActive = max(maxServersActive, total.serversActive)
        maxWaitMs = max(maxWaitMs, (total.maxWait.milliseconds * 1000).rounded() / 1000)
    }

    /// Polls `monitor` every `interval` while `body` runs, and answers what the polls saw once it has returned
    /// (the poller is a child task, ended and awaited before this returns).
    public static func gathered(
        from monitor: PgBouncerMonitor, application: String, every interval: Duration = .milliseconds(250), during body: () async -> Void
    ) async -> PgBouncerPeaks {
        await withTaskGroup(of: PgBouncerPeaks.self) { group in
            group.addTask {
                var peaks = PgBouncerPeaks()
                while !Task.isCancelled {
                    peaks.observe(await monitor.poll(), application: application)
                    try? await Task.sleep(for: interval)
                }
                return peaks
            }
            await body()
            group.cancelAll()
            return await group.next() ?? PgBouncerPeaks()
        }
    }

    /// The summary's line.
    var summary: String {
        var text = "  pgbouncer  "
        if pools.isEmpty {
            text += "served none of the bench's connections"
        } else {
            text += "\(pools.joined(separator: ", ")): peak \(maxClientsWaiting) clients waiting inside pgbouncer, maxwait "
            text += "\(BenchReport.format(maxWaitMs)) ms, peak \(maxServersActive) servers active"
        }
        text += " (\(polls) polls"
        if unavailablePolls > 0 { text += ", \(unavailablePolls) without pgbouncer: \(lastUnavailable ?? "")" }
        return text + ")"
    }
}
