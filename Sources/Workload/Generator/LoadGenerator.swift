import ConnectionPool
import Foundation
import Synchronization

/// Drives a pool (or, in no-pool mode, a connection per query) with worker tasks: closed loop (check out →
/// query → check in → think) or open loop (Poisson arrivals queued for the workers). Every knob changes at
/// runtime through `update`; `snapshot` is the screen's view of it. Call `start()` once and `stop()` at the end.
/// Generic over the connection factory and the clock, as the pool is, so tests drive it with fakes.
public final class LoadGenerator<Factory: ConnectionFactory, Clock: PoolClock>: Sendable
where Factory.Connection: WorkloadConnection {
    struct WorkerHandle {
        var task: Task<Void, Never>
        var incarnation: UInt64
    }

    /// Every task a running generator started; `stop()` cancels and awaits them all.
    struct RunningTasks {
        var workers: [Int: WorkerHandle] = [:]
        var helpers: [Task<Void, Never>] = []
    }

    enum Lifecycle {
        case created
        case running(RunningTasks)
        case stopped
    }

    struct State {
        var settings: LoadSettings
        var generation: UInt64 = 0
        var lifecycle = Lifecycle.created
        var nextIncarnation: UInt64 = 0
        var statistics: LoadStatistics
    }

    let backend: LoadBackend<Factory>
    let clock: Clock
    let readWrite: ReadWriteTable
    let plans: PlanStore
    let arrivals = ArrivalQueue()
    let shards: [LoadShard]
    let state: Mutex<State>
    /// Serialises sampling ticks with resets so no interval is counted twice.
    let tickLock = Mutex(())
    /// Seeds the arrival process; nil draws a random seed.
    let arrivalSeed: UInt64?

    /// A load on `pool`, timed by `clock`. The caller runs the pool (`pool.run()`) and shuts it down after `stop()`.
    public convenience init(pool: ConnectionPool<Factory>, settings: LoadSettings, clock: Clock) {
        self.init(backend: .pool(pool), settings: settings, clock: clock)
    }

    /// No-pool mode (W4): every query opens its own connection with `factory` and closes it.
    public convenience init(connectingPerQuery factory: Factory, settings: LoadSettings, clock: Clock) {
        self.init(backend: .direct(DirectConnections(factory)), settings: settings, clock: clock)
    }

    init(backend: LoadBackend<Factory>, settings: LoadSettings, clock: Clock, shardCount: Int = 4, arrivalSeed: UInt64? = nil) {
        self.backend = backend
        self.clock = clock
        self.arrivalSeed = arrivalSeed
        readWrite = ReadWriteTable(name: "pooltop_rw_\(ProcessInfo.processInfo.processIdentifier)")
        shards = (0..<shardCount).map { LoadShard(index: $0, of: shardCount) }
        var settings = settings
        settings.mode = backend.mode(settings.mode)
        plans = PlanStore(LoadPlan(generation: 0, settings: settings, readWriteTable: readWrite.name))
        state = Mutex(State(settings: settings, statistics: LoadStatistics(now: clock.now)))
    }

    /// Through the pool or a connection per query, as the settings in force say.
    public var mode: LoadMode { settings.mode }

    /// What the load's connections look like now, in the mode in force.
    var view: PoolView { backend.view(in: mode) }

    public var settings: LoadSettings { state.withLock { $0.settings } }

    /// Starts the workers, the sampler and (for open loop) the arrival process. Idempotent.
    public func start() {
        state.withLock { state in
            guard case .created = state.lifecycle else { return }
            state.statistics = LoadStatistics(now: clock.now)
            var tasks = RunningTasks()
            tasks.helpers.append(Task { await self.runSampler() })
            tasks.helpers.append(Task { await self.runArrivals() })
            adjustWorkers(&tasks, state: &state)
            state.lifecycle = .running(tasks)
        }
    }

    /// Applies new settings: workers grow or shrink; think time, rate (open ⇄ closed loop), mix, mode and
    /// pause take effect at each worker's next query. A load made without a pool stays in no-pool mode.
    public func update(_ settings: LoadSettings) {
        var settings = settings
        settings.mode = backend.mode(settings.mode)
        let (wasOpen, isOpen) = state.withLock { state -> (Bool, Bool) in
            let wasOpen = (state.settings.arrivalRate ?? 0) > 0
            state.settings = settings
            state.generation += 1
            plans.install(LoadPlan(generation: state.generation, settings: settings, readWriteTable: readWrite.name))
            if case .running(var tasks) = state.lifecycle {
                state.lifecycle = .created  // for the moment, so `tasks` is not a second copy of the workers
                adjustWorkers(&tasks, state: &state)
                state.lifecycle = .running(tasks)
            }
            return (wasOpen, (settings.arrivalRate ?? 0) > 0)
        }
        if wasOpen != isOpen {
            if !isOpen { arrivals.clear() }
            arrivals.wakeAll()
        }
    }

    public func update(_ change: (inout LoadSettings) -> Void) {
        var settings = self.settings
        change(&settings)
        update(settings)
    }

    /// Stops every worker (a running statement finishes first) and waits for every task the generator
    /// started, then drops the read-write table if it was made.
    public func stop() async {
        let tasks = state.withLock { state -> [Task<Void, Never>]? in
            defer { state.lifecycle = .stopped }
            switch state.lifecycle {
            case .created: return []
            case .running(let tasks): return tasks.workers.values.map(\.task) + tasks.helpers
            case .stopped: return nil
            }
        }
        guard let tasks else { return }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        if readWrite.needsDrop { await dropReadWriteTable() }
    }

    private func dropReadWriteTable() async {
        let sql = readWrite.dropStatement
        if let pool = backend.pool {
            _ = try? await pool.withConnection(holder: "pooltop-cleanup") { connection in
                try await connection.execute(sql, [])
            }
        } else {
            guard let connection = try? await backend.direct.factory.makeConnection() else { return }
            _ = try? await connection.execute(sql, [])
            await connection.close()
        }
    }
}

extension LoadGenerator where Clock == ContinuousPoolClock {
    /// A load on `pool` in real time.
    public convenience init(pool: ConnectionPool<Factory>, settings: LoadSettings) {
        self.init(pool: pool, settings: settings, clock: ContinuousPoolClock())
    }

    /// No-pool mode in real time.
    public convenience init(connectingPerQuery factory: Factory, settings: LoadSettings) {
        self.init(connectingPerQuery: factory, settings: settings, clock: ContinuousPoolClock())
    }
}
