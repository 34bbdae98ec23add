import ConnectionPool
import Foundation
import Histogram
import LibPQ
import Synchronization

/// Drives a pool (or, in no-pool mode, a connection per query) with worker tasks: closed loop (check out →
/// query → check in → think) or open loop (Poisson arrivals queued for the workers). Every knob changes at
/// runtime through `update`; `snapshot` is the screen's view of it. Call `start()` once and `stop()` at the end.
public final class LoadGenerator: Sendable {
    enum Backend: Sendable {
        case pool(ConnectionPool<PostgresConnectionFactory>)
        case direct(PostgresConnectionFactory)
    }

    struct Peaks: Sendable, Equatable {
        var inUse = 0
        var overflow = 0
        var open = 0
        var waiters = 0
        var backlog = 0

        mutating func include(_ view: PoolView, backlog: Int) {
            inUse = max(inUse, view.inUse)
            overflow = max(overflow, view.overflow)
            open = max(open, view.open)
            waiters = max(waiters, view.waiters)
            self.backlog = max(self.backlog, backlog)
        }
    }

    /// What the load sees of the connections at one instant.
    struct PoolView: Sendable {
        var inUse = 0
        var idle = 0
        var overflow = 0
        var waiters = 0
        var open = 0
        var connects = 0
    }

    private struct WorkerHandle {
        var task: Task<Void, Never>
        var incarnation: UInt64
    }

    private struct State {
        var settings: LoadSettings
        var generation: UInt64 = 0
        var started = false
        var stopped = false
        var workers: [Int: WorkerHandle] = [:]
        var nextIncarnation: UInt64 = 0
        var helpers: [Task<Void, Never>] = []
        var epoch: ContinuousClock.Instant
        var lastTick: ContinuousClock.Instant
        var samplesTaken = 0
        var samples: [LoadSample] = []
        var totals = IntervalCounts()
        var waits = WaitHistogram.make()
        var peaks = Peaks()
        var readWriteTableCreated = false
    }

    /// The newest samples kept for the screen.
    public static let sampleHistory = 600

    let backend: Backend
    let clock = ContinuousClock()
    let readWriteTable: String
    private let plans: PlanStore
    private let arrivals = ArrivalQueue()
    private let shards: [LoadShard]
    private let state: Mutex<State>
    /// Serialises sampling ticks with resets so no interval is counted twice.
    private let tickLock = Mutex(())
    private let readWriteReady = Atomic<Bool>(false)
    private let directOpen = Atomic<Int>(0)
    private let directConnects = Atomic<Int>(0)

    /// A load on `pool`. The caller runs the pool (`pool.run()`) and shuts it down after `stop()`.
    public convenience init(pool: ConnectionPool<PostgresConnectionFactory>, settings: LoadSettings) {
        self.init(backend: .pool(pool), settings: settings)
    }

    /// No-pool mode (W4): every query opens its own connection with `factory` and closes it.
    public convenience init(connectingPerQuery factory: PostgresConnectionFactory, settings: LoadSettings) {
        self.init(backend: .direct(factory), settings: settings)
    }

    init(backend: Backend, settings: LoadSettings, shardCount: Int = 4) {
        self.backend = backend
        readWriteTable = "pooltop_rw_\(ProcessInfo.processInfo.processIdentifier)"
        shards = (0..<shardCount).map { LoadShard(index: $0, of: shardCount) }
        plans = PlanStore(LoadPlan(generation: 0, settings: settings, readWriteTable: readWriteTable))
        let now = ContinuousClock.now
        state = Mutex(State(settings: settings, epoch: now, lastTick: now))
    }

    public var mode: LoadMode {
        if case .direct = backend { return .noPool }
        return .pool
    }

    public var settings: LoadSettings { state.withLock { $0.settings } }

    /// Starts the workers, the sampler and (for open loop) the arrival process. Idempotent.
    public func start() {
        state.withLock { state in
            guard !state.started, !state.stopped else { return }
            state.started = true
            let now = clock.now
            state.epoch = now
            state.lastTick = now
            state.helpers.append(Task { await self.runSampler() })
            state.helpers.append(Task { await self.runArrivals() })
            adjustWorkers(&state)
        }
    }

    /// Applies new settings: workers grow or shrink, think time, rate, mix and pause take effect at once.
    public func update(_ settings: LoadSettings) {
        let (wasOpen, isOpen) = state.withLock { state -> (Bool, Bool) in
            let wasOpen = (state.settings.arrivalRate ?? 0) > 0
            state.settings = settings
            state.generation += 1
            plans.install(LoadPlan(generation: state.generation, settings: settings, readWriteTable: readWriteTable))
            if state.started && !state.stopped { adjustWorkers(&state) }
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

    /// Stops every worker (a running statement finishes first), then drops the read-write table if it was made.
    public func stop() async {
        let tasks = state.withLock { state -> [Task<Void, Never>] in
            guard !state.stopped else { return [] }
            state.stopped = true
            let tasks = state.workers.values.map(\.task) + state.helpers
            state.workers.removeAll()
            state.helpers.removeAll()
            return tasks
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        if state.withLock({ $0.readWriteTableCreated }) { await dropReadWriteTable() }
    }

    // MARK: Workers

    private func adjustWorkers(_ state: inout State) {
        let target = max(0, state.settings.workers)
        for id in state.workers.keys where id > target {
            state.workers.removeValue(forKey: id)?.task.cancel()
        }
        guard state.workers.count < target else { return }
        for id in 1...target where state.workers[id] == nil {
            state.nextIncarnation += 1
            let incarnation = state.nextIncarnation
            let shard = shards[id % shards.count]
            let label = "worker-\(id)"
            shard.register(id: id, label: label, incarnation: incarnation)
            // Workers run on the libpq loop threads: a query's result resumes its worker on a loop thread
            // that is awake anyway. Workers follow their connection: the loop that handles a result, or
            // the check-in that hands a connection to a waiting worker, runs that worker next, so each
            // connection's queries stay on one thread while the work spreads over all loops (each new
            // connection lives on the least loaded one, and one to a server on this host moves to the loop
            // on its server process's CPU). Without a pool a worker follows the connection
            // it opens for each query, handshake (SCRAM's CPU) included.
            let task = Task(executorPreference: PostgresConnection.followingEventLoopExecutor) {
                await self.runWorker(id: id, label: label, shard: shard, incarnation: incarnation)
            }
            state.workers[id] = WorkerHandle(task: task, incarnation: incarnation)
        }
    }

    private func runWorker(id: Int, label: String, shard: LoadShard, incarnation: UInt64) async {
        defer { shard.unregister(id: id, incarnation: incarnation) }
        var plan = plans.plan
        var random = FastRandom(seed: UInt64(id) &* 0x2545_F491_4F6C_DD1D &+ incarnation)
        while !Task.isCancelled {
            if plans.generation != plan.generation { plan = plans.plan }
            let settings = plan.settings
            if id > settings.workers { return }
            if settings.paused {
                shard.setState(id: id, .idle)
                if await plans.waitForChange(from: plan.generation) { continue }
                return
            }
            let openLoop = plan.isOpenLoop
            if openLoop {
                switch await arrivals.take() {
                case .arrival: break
                case .recheck: continue
                case .cancelled: return
                }
            }
            let thinks = !openLoop && settings.thinkTime > .zero
            let next: WorkerState = thinks ? .thinking : (openLoop ? .idle : .waiting)
            let query = plan.pick(&random)
            let keepGoing: Bool
            switch backend {
            case .pool(let pool):
                keepGoing = await runPooled(query, pool: pool, id: id, label: label, shard: shard, random: &random, next: next)
            case .direct(let factory):
                keepGoing = await runDirect(query, factory: factory, id: id, shard: shard, random: &random, next: next)
            }
            if !keepGoing { return }
            if thinks {
                do { try await Task.sleep(for: settings.thinkTime) } catch { return }
                shard.setState(id: id, .waiting)
            }
        }
    }

    /// One check-out → statement → check-in. False when the worker should end (pool shut down, task cancelled).
    nonisolated(nonsending) private func runPooled(
        _ query: PreparedQuery, pool: ConnectionPool<PostgresConnectionFactory>, id: Int, label: String,
        shard: LoadShard, random: inout FastRandom, next: WorkerState
    ) async -> Bool {
        let lease: Lease<PooledPostgresConnection>
        do {
            lease = try await pool.checkOut(holder: label, activity: query.activity)
        } catch {
            switch error {
            case .timeout(let waited, _):
                shard.timedOut(id: id, wait: waited, message: error.description)
                return true
            case .tooManyWaiters:
                shard.finished(id: id, queryTime: nil, error: error.description, next: next)
                do { try await Task.sleep(for: .milliseconds(1)) } catch { return false }
                return true
            case .shutdown, .cancelled:
                return false
            }
        }
        shard.checkedOut(id: id, wait: lease.waited)
        var failure: PostgresError?
        var queryTime: Duration?
        if query.activity != nil {
            let began = clock.now
            failure = await execute(query.operation, on: lease.connection.connection, random: &random)
            queryTime = clock.now - began
        }
        await pool.checkIn(lease)
        shard.finished(id: id, queryTime: queryTime, error: failure?.description, next: next)
        return true
    }

    /// No-pool mode: connect (the "wait"), run the statement, close.
    private func runDirect(
        _ query: PreparedQuery, factory: PostgresConnectionFactory, id: Int, shard: LoadShard,
        random: inout FastRandom, next: WorkerState
    ) async -> Bool {
        let began = clock.now
        directOpen.wrappingAdd(1, ordering: .relaxed)
        defer { directOpen.wrappingSubtract(1, ordering: .relaxed) }
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                to: factory.target, timeout: factory.connectTimeout, applicationName: factory.applicationName)
        } catch {
            shard.finished(id: id, queryTime: nil, error: error.description, next: next)
            do { try await Task.sleep(for: .milliseconds(10)) } catch { return false }
            return true
        }
        directConnects.wrappingAdd(1, ordering: .relaxed)
        shard.checkedOut(id: id, wait: clock.now - began)
        let started = clock.now
        let failure = await execute(query.operation, on: connection, random: &random)
        let queryTime: Duration? = query.activity == nil ? nil : clock.now - started
        connection.close()
        shard.finished(id: id, queryTime: queryTime, error: failure?.description, next: next)
        return true
    }

    nonisolated(nonsending) private func execute(_ operation: PreparedQuery.Operation, on connection: PostgresConnection, random: inout FastRandom) async -> PostgresError? {
        do throws(PostgresError) {
            switch operation {
            case .none:
                break
            case .statement(let sql):
                _ = try await connection.execute(sql)
            case .sleepRandom(let minimum, let maximum):
                let seconds = minimum + (maximum - minimum) * random.nextUnit()
                _ = try await connection.execute("SELECT pg_sleep($1)", [String(seconds)])
            case .readWrite(let table):
                try await runReadWrite(table: table, row: random.nextIndex(upTo: Self.readWriteRows), on: connection)
            }
            return nil
        } catch {
            return error
        }
    }

    // MARK: Read-write transaction

    static let readWriteRows = 100

    private func runReadWrite(table: String, row: Int, on connection: PostgresConnection) async throws(PostgresError) {
        if !readWriteReady.load(ordering: .acquiring) { try await createReadWriteTable(on: connection) }
        _ = try await connection.query("BEGIN")
        do throws(PostgresError) {
            _ = try await connection.query("UPDATE \(table) SET n = n + 1 WHERE id = $1 RETURNING n", [String(row)])
            _ = try await connection.query("COMMIT")
        } catch {
            _ = try? await connection.query("ROLLBACK")
            throw error
        }
    }

    /// Creates and fills the table once; concurrent first callers serialise on an advisory lock.
    private func createReadWriteTable(on connection: PostgresConnection) async throws(PostgresError) {
        state.withLock { $0.readWriteTableCreated = true }
        _ = try await connection.query("BEGIN")
        do throws(PostgresError) {
            _ = try await connection.query("SELECT pg_advisory_xact_lock(hashtext($1))", [readWriteTable])
            _ = try await connection.query(
                "CREATE UNLOGGED TABLE IF NOT EXISTS \(readWriteTable) (id integer PRIMARY KEY, n bigint NOT NULL DEFAULT 0)")
            _ = try await connection.query(
                "INSERT INTO \(readWriteTable) (id) SELECT generate_series(1, \(Self.readWriteRows)) ON CONFLICT DO NOTHING")
            _ = try await connection.query("COMMIT")
        } catch {
            _ = try? await connection.query("ROLLBACK")
            throw error
        }
        readWriteReady.store(true, ordering: .releasing)
    }

    private func dropReadWriteTable() async {
        let factory: PostgresConnectionFactory
        switch backend {
        case .pool(let pool):
            _ = try? await pool.withConnection(holder: "pooltop-cleanup") { connection in
                try await connection.connection.query("DROP TABLE IF EXISTS \(readWriteTable)")
            }
            return
        case .direct(let direct):
            factory = direct
        }
        guard let connection = try? await factory.makeConnection() else { return }
        _ = try? await connection.connection.query("DROP TABLE IF EXISTS \(readWriteTable)")
        await connection.close()
    }

    // MARK: Console

    /// Runs one statement through the pool as holder "console" (or on its own connection in no-pool mode).
    public func runAdHoc(sql: String) async -> AdHocResult {
        let began = clock.now
        switch backend {
        case .pool(let pool):
            let lease: Lease<PooledPostgresConnection>
            do {
                lease = try await pool.checkOut(holder: "console")
            } catch {
                return AdHocResult(sql: sql, error: error.description, waited: clock.now - began)
            }
            pool.reportActivity(lease, query: sql)
            let started = clock.now
            let outcome = await runCapturing(sql, on: lease.connection.connection)
            let elapsed = clock.now - started
            await pool.checkIn(lease)
            return AdHocResult(sql: sql, outcome: outcome, waited: lease.waited, elapsed: elapsed)
        case .direct(let factory):
            let connection: PooledPostgresConnection
            do {
                connection = try await factory.makeConnection()
            } catch {
                return AdHocResult(sql: sql, error: "\(error)", waited: clock.now - began)
            }
            let waited = clock.now - began
            let started = clock.now
            let outcome = await runCapturing(sql, on: connection.connection)
            let elapsed = clock.now - started
            await connection.close()
            return AdHocResult(sql: sql, outcome: outcome, waited: waited, elapsed: elapsed)
        }
    }

    private func runCapturing(_ sql: String, on connection: PostgresConnection) async -> Result<QueryResult, PostgresError> {
        do throws(PostgresError) {
            return .success(try await connection.query(sql))
        } catch {
            return .failure(error)
        }
    }

    // MARK: Open loop

    private func runArrivals() async {
        var generator = SystemRandomNumberGenerator()
        var random = FastRandom(seed: generator.next())
        var generation = UInt64.max
        var next = clock.now
        while !Task.isCancelled {
            let plan = plans.plan
            guard let rate = plan.settings.arrivalRate, rate > 0, !plan.settings.paused else {
                generation = .max
                if await plans.waitForChange(from: plan.generation) { continue }
                return
            }
            let now = clock.now
            if plan.generation != generation {
                generation = plan.generation
                next = now + Self.interArrival(rate: rate, &random)
            }
            var due = 0
            while next <= now && due < arrivals.capacity {
                due += 1
                next += Self.interArrival(rate: rate, &random)
            }
            if next <= now { next = now }
            if due > 0 { arrivals.add(due) }
            let wake = min(max(next, now + .milliseconds(1)), now + .milliseconds(100))
            do { try await Task.sleep(until: wake, clock: clock) } catch { return }
        }
    }

    /// An exponential gap with mean 1/rate: Poisson arrivals.
    static func interArrival(rate: Double, _ random: inout FastRandom) -> Duration {
        .seconds(-log(1 - random.nextUnit()) / rate)
    }

    // MARK: Sampling

    private func runSampler() async {
        while !Task.isCancelled {
            let deadline = state.withLock { $0.epoch + .seconds($0.samplesTaken + 1) }
            let wake = min(deadline, clock.now + .milliseconds(100))
            do { try await Task.sleep(until: wake, clock: clock) } catch { return }
            let view = poolView()
            let backlog = arrivals.backlog
            state.withLock { $0.peaks.include(view, backlog: backlog) }
            if clock.now >= deadline { tick(final: false) }
        }
    }

    func poolView() -> PoolView {
        switch backend {
        case .pool(let pool):
            let snapshot = pool.snapshot()
            return PoolView(inUse: snapshot.inUse, idle: snapshot.idle, overflow: snapshot.overflowOpen,
                            waiters: snapshot.waiters.count, open: snapshot.open, connects: snapshot.counters.connects)
        case .direct:
            let open = directOpen.load(ordering: .relaxed)
            return PoolView(inUse: open, open: open, connects: directConnects.load(ordering: .relaxed))
        }
    }

    /// Folds the shards' interval into the totals; a regular tick also appends the second's sample.
    private func tick(final: Bool) {
        tickLock.withLock { _ in
            var counts = IntervalCounts()
            var waits = WaitHistogram.make()
            for shard in shards { shard.drain(into: &counts, waits: &waits) }
            let view = poolView()
            let backlog = arrivals.backlog
            let now = clock.now
            state.withLock { state in
                state.totals.add(counts)
                state.waits.add(waits)
                state.peaks.include(view, backlog: backlog)
                guard !final else { return }
                let interval = now - state.lastTick
                state.lastTick = now
                state.samplesTaken += 1
                let seconds = max(interval.seconds, 1e-9)
                state.samples.append(LoadSample(
                    second: state.samplesTaken, qps: Double(counts.queries) / seconds, errors: counts.errors,
                    timeouts: counts.timeouts, waitP50: WaitHistogram.percentile(waits, 50),
                    waitP99: WaitHistogram.percentile(waits, 99), inUse: view.inUse, idle: view.idle,
                    overflow: view.overflow, waiters: view.waiters))
                if state.samples.count > Self.sampleHistory { state.samples.removeFirst(state.samples.count - Self.sampleHistory) }
            }
        }
    }

    /// Starts a new measurement: zero counters, samples and peaks; time counts from now.
    public func resetStatistics() {
        tickLock.withLock { _ in
            for shard in shards { shard.resetCounters() }
            let view = poolView()
            let now = clock.now
            arrivals.resetDropped()
            state.withLock { state in
                state.epoch = now
                state.lastTick = now
                state.samplesTaken = 0
                state.samples = []
                state.totals = IntervalCounts()
                state.waits.reset()
                state.peaks = Peaks()
                state.peaks.include(view, backlog: 0)
            }
        }
    }

    /// Everything measured since the last reset, with the current partial second folded in.
    struct Measurement: Sendable {
        var elapsed: Duration
        var totals: IntervalCounts
        var waits: Histogram<UInt64>
        var workers: [WorkerStats]
        var samples: [LoadSample]
        var peaks: Peaks
        var dropped: Int
        var connectionsOpened: Int
    }

    func measure() -> Measurement {
        tick(final: true)
        let workers = workerStats()
        let view = poolView()
        let dropped = arrivals.dropped
        let now = clock.now
        return state.withLock { state in
            Measurement(elapsed: now - state.epoch, totals: state.totals, waits: state.waits, workers: workers,
                        samples: state.samples, peaks: state.peaks, dropped: dropped, connectionsOpened: view.connects)
        }
    }

    private func workerStats() -> [WorkerStats] {
        var workers: [WorkerStats] = []
        for shard in shards { shard.appendWorkers(to: &workers) }
        workers.sort { $0.id < $1.id }
        return workers
    }

    /// The load now: settings, totals since the last reset, per-worker stats (unless `includeWorkers` is false)
    /// and the per-second samples.
    public func snapshot(includeWorkers: Bool = true) -> LoadSnapshot {
        let workers = includeWorkers ? workerStats() : []
        let backlog = arrivals.backlog
        let dropped = arrivals.dropped
        let now = clock.now
        return state.withLock { state in
            let meanNanoseconds = state.totals.timedQueries == 0 ? 0 : state.totals.queryNanoseconds / Int64(state.totals.timedQueries)
            var snapshot = LoadSnapshot(
                settings: state.settings, elapsed: now - state.epoch, queries: state.totals.queries, errors: state.totals.errors,
                timeouts: state.totals.timeouts, backlog: backlog, workers: workers, samples: state.samples)
            snapshot.mode = mode
            snapshot.dropped = dropped
            snapshot.meanQueryTime = .nanoseconds(meanNanoseconds)
            return snapshot
        }
    }
}
