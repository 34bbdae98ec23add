import ConnectionPool
import Workload

/// A recording laid out for the screen: what `DashboardData` it shows at any position. Pure; knobs carried forward
/// from the header, the pool drawn from its recorded counts (no holders or statements: a recording keeps none).
struct ReplayTimeline: Sendable {
    private struct Second {
        var line: RecordedSecond
        var configuration: PoolConfiguration
        var settings: LoadSettings
        /// When the load's statistics last started (the recording's start, or a run's warm-up or measurement).
        var loadStart: Double
        /// The index of the first second since `loadStart`: its samples and this one's make the charts.
        var epochStart: Int
    }

    let header: RecordingHeader
    let length: Duration
    private let seconds: [Second]
    private let poolEvents: [(t: Double, kind: PoolEvent.Kind)]
    private let serverEvents: [ServerEvent]

    init(_ recording: Recording) {
        header = recording.header
        length = .seconds(recording.length)
        var configuration = RecordedKnobs.configuration(recording.header.pool)
        var settings = RecordedKnobs.settings(recording.header.load)
        var loadStart = 0.0
        var pendingEpoch = true
        var seconds: [Second] = []
        var poolEvents: [(t: Double, kind: PoolEvent.Kind)] = []
        var serverEvents: [ServerEvent] = []
        var epochStart = 0
        for line in recording.lines {
            switch line {
            case .second(let second):
                if let knobs = second.knobs { configuration = RecordedKnobs.configuration(knobs) }
                if let load = second.load { settings = RecordedKnobs.settings(load) }
                if pendingEpoch { epochStart = seconds.count }
                pendingEpoch = false
                seconds.append(Second(line: second, configuration: configuration, settings: settings, loadStart: loadStart, epochStart: epochStart))
            case .phase(let phase):
                loadStart = phase.t
                pendingEpoch = true
            case .event(let event):
                if let kind = event.pool { poolEvents.append((event.t, kind)) }
                if let kind = event.server { serverEvents.append(ServerEvent(at: .seconds(event.t), kind: kind)) }
            case .header:
                break
            }
        }
        // Where the file stopped being readable is the last thing the events log shows.
        if let damage = recording.damage { poolEvents.append((recording.length, .warning(message: damage.description))) }
        self.seconds = seconds
        self.poolEvents = poolEvents.sorted { $0.t < $1.t }
        self.serverEvents = serverEvents.sorted { $0.at < $1.at }
    }

    /// What the screen shows `position` into the recording.
    func data(at position: Duration, replay: ReplayStatus) -> DashboardData {
        let t = position.seconds
        let shownEvents = poolEvents.prefix { $0.t <= t }.suffix(300)
        let events = shownEvents.enumerated().map { offset, event in
            PoolEvent(sequence: UInt64(poolEvents.count - shownEvents.count + offset + 1), at: .seconds(event.t), kind: event.kind)
        }
        var data = DashboardData(
            events: events, target: header.target, uptime: position, serverEvents: serverEvents.prefix { $0.at <= position }.suffix(200))
        data.replay = replay
        guard let index = seconds.lastIndex(where: { $0.line.t <= t }) else {
            data.pool = PoolSnapshot(uptime: position, configuration: RecordedKnobs.configuration(header.pool))
            data.load = LoadSnapshot(settings: RecordedKnobs.settings(header.load))
            return data
        }
        let second = seconds[index]
        let totals = second.line.totals
        data.pool = poolSnapshot(second, uptime: position, sequence: events.last?.sequence ?? 0)
        let samples = seconds[second.epochStart...index].flatMap { $0.line.samples.map(\.sample) }.suffix(600)
        var load = LoadSnapshot(
            settings: second.settings, elapsed: position - .seconds(second.loadStart), queries: totals.queries, errors: totals.errors,
            timeouts: totals.timeouts, samples: Array(samples))
        load.mode = second.settings.mode
        load.dropped = totals.dropped
        load.meanQueryTime = .microseconds(totals.queryMeanMs * 1000)
        data.load = load
        data.loadStartedAtPoolUptime = .seconds(second.loadStart)
        if let server = second.line.server {
            data.server = ServerSnapshot(
                serverVersion: server.version, maxConnections: server.maxConnections, connections: server.connections,
                unavailable: server.unreachable)
            data.serverVersion = server.version
        } else {
            data.server = ServerSnapshot(unavailable: "n/a: not in the recording")
        }
        return data
    }

    /// The recorded counts as slots: in use first (overflow among them last), then idle, connecting, checking.
    private func poolSnapshot(_ second: Second, uptime: Duration, sequence: UInt64) -> PoolSnapshot {
        guard let pool = second.line.pool else { return PoolSnapshot(uptime: uptime, configuration: second.configuration) }
        var slots: [Slot] = []
        func add(_ count: Int, _ state: SlotState, overflow: Int) {
            for index in 0..<max(0, count) {
                slots.append(Slot(id: slots.count + 1, state: state, kind: index >= count - overflow ? .overflow : .core))
            }
        }
        let overflowIdle = max(0, pool.overflowOpen - pool.overflowInUse)
        add(pool.inUse, .inUse, overflow: pool.overflowInUse)
        add(pool.idle, .idle, overflow: min(pool.idle, overflowIdle))
        add(pool.connecting, .connecting, overflow: 0)
        add(pool.other, .checking, overflow: 0)
        var counters = Counters()
        counters.checkouts = pool.checkouts
        counters.timeouts = pool.timeouts
        counters.connects = pool.connects
        counters.connectFailures = pool.connectFailures
        counters.connectionsLost = pool.connectionsLost
        return PoolSnapshot(
            uptime: uptime, configuration: second.configuration, slots: slots,
            waiters: Waiters(count: pool.waiters, oldestWait: pool.oldestWaitMs.map { .microseconds($0 * 1000) }),
            counters: counters, lastEventSequence: sequence)
    }
}
