import ConnectionPool
import Synchronization
import Workload

/// A pretend pool and load that move on their own: what `pooltop demo` shows with no server, and what tests
/// of the app loop drive. Obeys the same commands as the real thing, roughly.
public final class SimulatedSource: InspectorSource {
    private let state: Mutex<Simulation>
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private let console = SimulatedConsole()

    public init(configuration: PoolConfiguration = .sqlalchemy, workers: Int = 12, seed: UInt64 = 42) {
        start = clock.now
        state = Mutex(Simulation(configuration: configuration, workers: workers, seed: seed))
    }

    public func collect() async -> DashboardData {
        let now = clock.now - start
        return state.withLock { simulation in
            simulation.advance(to: now)
            return simulation.data(uptime: now)
        }
    }

    public func perform(_ command: Command) async -> String? {
        let now = clock.now - start
        return state.withLock { $0.perform(command, at: now) }
    }

    public func runConsole(_ statement: String) async -> ConsoleReply { await console.run(statement) }

    public func cancelConsole() { console.cancel() }

    public func endConsoleSession() async { console.end() }
}

/// The simulation's state: a value advanced in steps of one tenth of a second.
struct Simulation {
    var configuration: PoolConfiguration
    var settings: LoadSettings
    var slots: [Slot] = []
    var nextSlotID = 1
    var events: [PoolEvent] = []
    var samples: [LoadSample] = []
    var workers: [WorkerStats]
    var waiting: [Waiter] = []
    var queries = 0
    var timeouts = 0
    var random: UInt64
    var time: Duration = .zero
    var secondQueries = 0

    init(configuration: PoolConfiguration, workers: Int, seed: UInt64) {
        self.configuration = configuration
        settings = LoadSettings(workers: workers, thinkTime: .milliseconds(20), mix: QueryMix([.init(.sleepRandom(min: .milliseconds(1), max: .milliseconds(40)))]))
        random = seed | 1
        self.workers = (1...max(1, workers)).map { WorkerStats(id: $0, label: "w\($0)") }
    }

    mutating func nextRandom() -> Double {
        random ^= random << 13
        random ^= random >> 7
        random ^= random << 17
        return Double(random % 10_000) / 10_000
    }

    mutating func log(_ kind: PoolEvent.Kind) {
        events.append(PoolEvent(sequence: UInt64(events.count + 1), at: time, kind: kind))
        if events.count > 400 { events.removeFirst(events.count - 400) }
    }

    mutating func advance(to now: Duration) {
        while time + .milliseconds(100) <= now { step() }
    }

    private mutating func step() {
        time += .milliseconds(100)
        let active = settings.paused ? 0 : settings.workers
        let demand = active == 0 ? 0 : Int((Double(active) * (0.35 + 0.5 * nextRandom())).rounded())
        let capacity = configuration.maxConnections ?? Int.max
        let wanted = min(demand, capacity)
        // Open connections for demand, close overflow ones that are idle, keep core ones.
        while slots.count < wanted {
            let kind: SlotKind = slots.filter { $0.kind == .core }.count < configuration.poolSize ? .core : .overflow
            slots.append(Slot(id: nextSlotID, state: .connecting, kind: kind, backendPID: Int32(4000 + nextSlotID)))
            log(.slotChanged(slot: nextSlotID, from: nil, to: .connecting, reason: nil))
            nextSlotID += 1
        }
        for index in slots.indices.reversed() where slots[index].kind == .overflow && index >= wanted && nextRandom() < 0.05 {
            log(.slotChanged(slot: slots[index].id, from: slots[index].state, to: nil, reason: .overflowReturned))
            slots.remove(at: index)
        }
        closeExpiredIdle()
        var busy = 0
        for index in slots.indices {
            slots[index].age += .milliseconds(100)
            if slots[index].state == .connecting {
                slots[index].state = .idle
                log(.slotChanged(slot: slots[index].id, from: .connecting, to: .idle, reason: nil))
                continue
            }
            if busy < demand {
                busy += 1
                let worker = workers[(index + Int(time.components.seconds)) % workers.count]
                if slots[index].state != .inUse { slots[index].uses += 1 }
                slots[index].state = .inUse
                slots[index].holder = worker.label
                slots[index].query = "SELECT pg_sleep(0.0\(Int(nextRandom() * 9) + 1))"
                slots[index].queryFor = .milliseconds(Int(nextRandom() * 40))
                slots[index].heldFor = slots[index].queryFor
                slots[index].idleFor = nil
            } else {
                slots[index].state = .idle
                slots[index].holder = nil
                slots[index].query = nil
                slots[index].queryFor = nil
                slots[index].heldFor = nil
                slots[index].idleFor = (slots[index].idleFor ?? .zero) + .milliseconds(100)
            }
        }
        let waiters = max(0, demand - slots.count)
        waiting = (0..<min(waiters, 64)).map { Waiter(holder: "w\($0 + 1)", waited: .milliseconds(Int(nextRandom() * 900))) }
            .sorted { $0.waited > $1.waited }
        let completed = Int(Double(busy) * (3 + 4 * nextRandom()))
        queries += completed
        secondQueries += completed
        for _ in 0..<completed {
            let index = Int(nextRandom() * Double(workers.count)) % workers.count
            workers[index].queries += 1
        }
        for index in workers.indices {
            workers[index].state = index < busy ? .running : (index < busy + waiters ? .waiting : .thinking)
        }
        if waiters > 0, nextRandom() < 0.02 {
            timeouts += 1
            let index = Int(nextRandom() * Double(workers.count)) % workers.count
            workers[index].timeouts += 1
            workers[index].longestWait = configuration.checkoutTimeout
            log(.checkoutTimedOut(holder: workers[index].label, waited: configuration.checkoutTimeout, limits: "pool_size \(configuration.poolSize), max_overflow \(configuration.maxOverflow)"))
        }
        if time.components.attoseconds == 0 {
            let p50 = waiters > 0 ? Double(waiters) * 4 : nextRandom() * 0.3
            // Little's law gives the second's mean times from its throughput: busy ÷ q/s, waiting ÷ q/s.
            let perQuery = secondQueries > 0 ? 1 / Double(secondQueries) : 0
            samples.append(LoadSample(
                second: Int(time.components.seconds), qps: Double(secondQueries), timeouts: 0,
                waitP50: .milliseconds(p50), waitP99: .milliseconds(p50 * 3 + 2),
                inUse: slots.filter { $0.state == .inUse }.count, idle: slots.filter { $0.state == .idle }.count,
                overflow: slots.filter { $0.kind == .overflow }.count, waiters: waiters,
                queryMean: .seconds(Double(busy) * perQuery), waitMean: .seconds(Double(waiters) * perQuery)))
            if samples.count > 600 { samples.removeFirst() }
            secondQueries = 0
        }
    }

    mutating func perform(_ command: Command, at now: Duration) -> String? {
        advance(to: now)
        let before = configuration
        switch command {
        case .changePoolSize(let delta): configuration.poolSize = max(0, configuration.poolSize + delta)
        case .setPoolSize(let size): configuration.poolSize = max(0, size)
        case .changeMaxOverflow(let delta): configuration.maxOverflow = max(-1, configuration.maxOverflow + delta)
        case .changeWorkers(let delta): return setWorkers(settings.workers + delta)
        case .setWorkers(let count): return setWorkers(count)
        case .setLoadPaused(let paused):
            settings.paused = paused
            return paused ? "load paused" : "load resumed"
        case .changeThinkTime(let delta):
            settings.thinkTime = max(.zero, settings.thinkTime + delta)
            return "think time \(Format.duration(settings.thinkTime))"
        case .setThinkTime(let value):
            settings.thinkTime = max(.zero, value)
            return "think time \(Format.duration(settings.thinkTime))"
        case .changeCheckoutTimeout(let delta):
            configuration.checkoutTimeout = max(.seconds(1), configuration.checkoutTimeout + delta)
        case .nextPreset:
            configuration = Preset.stepped(from: configuration.presetName).configuration
        case .setPreset(let name):
            guard let preset = Preset(rawValue: name.lowercased()) else { return "no preset called \(name)" }
            configuration = preset.configuration
        case .runSQL(let sql):
            if sql.lowercased().hasPrefix("select") {
                return " ?column? \n----------\n        1\n(1 row)"
            }
            return "ERROR:  syntax error at or near \"\(sql.prefix(12))\" (SQLSTATE 42601)"
        case .setKnob(.load(let knob), let text):
            return setLoadKnob(knob, text)
        case .setKnob(let knob, let text):
            if let refusal = setPoolKnob(knob, text) { return refusal }
        case .terminateBackend(let pid):
            guard let index = slots.firstIndex(where: { $0.backendPID == pid }) else { return "no backend \(pid)" }
            log(.slotChanged(slot: slots[index].id, from: slots[index].state, to: .broken, reason: .broken))
            slots[index].state = .broken
            return "terminated backend \(pid)"
        }
        configuration = before.successor(configuration)
        let changes = before.changes(to: configuration)
        guard !changes.isEmpty else { return "no change" }
        for change in changes { log(.configurationChanged(description: change)) }
        return changes.joined(separator: ", ")
    }

    mutating func setWorkers(_ count: Int) -> String {
        let count = max(1, count)
        settings.workers = count
        while workers.count < count { workers.append(WorkerStats(id: workers.count + 1, label: "w\(workers.count + 1)")) }
        if workers.count > count { workers.removeLast(workers.count - count) }
        return "\(count) workers"
    }

    func data(uptime: Duration) -> DashboardData {
        let snapshot = PoolSnapshot(
            uptime: uptime, configuration: configuration, slots: slots,
            waiters: Waiters(count: waiting.count, oldestWait: waiting.first?.waited, oldest: waiting),
            counters: Counters(), lastEventSequence: UInt64(events.count))
        let load = LoadSnapshot(settings: settings, elapsed: uptime, queries: queries, timeouts: timeouts, workers: workers, samples: samples)
        let backends = slots.compactMap { slot in
            slot.backendPID.map {
                ServerSnapshot.Backend(pid: $0, applicationName: "pooltop", state: slot.state == .inUse ? "active" : "idle", query: slot.query ?? "ROLLBACK", queryFor: slot.queryFor)
            }
        } + [ServerSnapshot.Backend(pid: 3999, applicationName: "psql", state: "idle in transaction", query: "BEGIN", queryFor: .seconds(42))]
        let server = ServerSnapshot(serverVersion: "PostgreSQL 15.18 (simulated)", maxConnections: 100, connections: backends.count, backends: backends)
        return DashboardData(
            pool: snapshot, load: load, server: server, events: events, target: "postgres://demo:****@localhost:5432/demo",
            serverVersion: "PostgreSQL 15.18 (simulated)", uptime: uptime)
    }
}
