import Synchronization

/// Why a check-out failed.
public enum PoolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Waited `waited` without getting a connection; `limits` names the limits in force
    /// (e.g. "pool_size 5, max_overflow 10, timeout 30s: 15 in use, 7 waiting").
    case timeout(waited: Duration, limits: String)
    /// `maxWaiters` waiters were already queued.
    case tooManyWaiters(limit: Int)
    /// The pool is shutting down or shut down.
    case shutdown
    /// The check-out task was cancelled while waiting.
    case cancelled

    public var description: String {
        switch self {
        case .timeout(let waited, let limits): return "pool timeout after \(DurationNotation.format(waited)): \(limits)"
        case .tooManyWaiters(let limit): return "pool refused check-out: \(limit) waiters already queued"
        case .shutdown: return "pool is shut down"
        case .cancelled: return "check-out cancelled"
        }
    }
}

/// A checked-out connection. Give it back exactly once with `ConnectionPool.checkIn`.
public struct Lease<Connection: PoolableConnection>: Sendable {
    public let connection: Connection
    /// The slot id shown in snapshots.
    public let slot: Int
    /// How long the check-out waited.
    public let waited: Duration
    /// Identifies this check-out; a stale or repeated check-in is ignored.
    public let checkout: UInt64
    /// When the connection was handed over, since the pool started (the use time counts from here).
    public let checkedOutAt: Duration

    public init(connection: Connection, slot: Int, waited: Duration, checkout: UInt64, checkedOutAt: Duration = .zero) {
        self.connection = connection
        self.slot = slot
        self.waited = waited
        self.checkout = checkout
        self.checkedOutAt = checkedOutAt
    }
}

/// What a parked check-out is resumed with. Connections are type-erased inside the pool so the state
/// machine is one concrete, fully specialised type whatever the factory.
typealias PoolWaiting = UnsafeContinuation<Result<PoolAssignment<any PoolableConnection>, PoolError>, Never>
typealias ErasedStateMachine = PoolStateMachine<any PoolableConnection, PoolWaiting>

/// Everything behind the pool's one lock.
struct PoolState: Sendable {
    var machine: ErasedStateMachine
    /// Bumped whenever the timer must re-read `machine.wakeUpAt`.
    var timerGeneration: UInt64 = 0
    var sleeper: Task<Void, any Error>?
    /// Connects and closes started and not yet finished, by id: `shutdown()` waits for them.
    var inFlight: [UInt64: Task<Void, Never>] = [:]
    var nextTaskID: UInt64 = 0
}

/// A fair (FIFO), observable connection pool whose every limit can change while it runs.
///
/// All state is one `PoolStateMachine` value behind one `Mutex`; the pool executes the machine's actions
/// (resume waiters, connect, close, wake the timer) outside the lock.
public final class ConnectionPool<Factory: ConnectionFactory>: Sendable {
    public typealias Connection = Factory.Connection
    typealias Machine = ErasedStateMachine

    let state: Mutex<PoolState>
    /// Opens the pool's connections (a no-pool load opens its own with it too).
    public let factory: Factory
    let clock: any PoolClock
    /// `clock.now` when the pool started; the machine's times count from here.
    let origin: Duration
    /// Told the pool's durations (metrics); nil costs one check per call site.
    let observer: (any PoolObserver)?

    public convenience init(configuration: PoolConfiguration, factory: Factory, observer: (any PoolObserver)? = nil) {
        self.init(configuration: configuration, factory: factory, clock: ContinuousPoolClock(), observer: observer)
    }

    /// A pool whose timers follow `clock` (tests pass a `ManualClock`); keeps the newest `eventCapacity` events.
    public init(
        configuration: PoolConfiguration, factory: Factory, clock: any PoolClock, eventCapacity: Int = 1024,
        observer: (any PoolObserver)? = nil
    ) {
        self.factory = factory
        self.clock = clock
        self.origin = clock.now
        self.observer = observer
        self.state = Mutex(PoolState(machine: Machine(configuration: configuration, eventCapacity: eventCapacity)))
        observer?.poolStarted(self)
        // Warm connections for `minimumIdle` start at once.
        let actions = state.withLock { $0.machine.reconfigure(configuration, now: .zero) }
        execute(actions)
    }

    /// Runs timers and maintenance (timeouts, idle and lifetime closes, minimum idle, leak checks,
    /// connect retries) until `shutdown()`. Start it in a task before checking out.
    public func run() async {
        while true {
            let (deadline, generation, stop) = state.withLock {
                ($0.machine.wakeUpAt, $0.timerGeneration, $0.machine.isShutdown)
            }
            if stop || Task.isCancelled { return }
            let target = origin + (deadline ?? .seconds(100 * 365 * 86_400))
            let sleeper = Task { [clock] in try await clock.sleep(until: target) }
            let stale = state.withLock { state -> Bool in
                if state.timerGeneration != generation || state.machine.isShutdown { return true }
                state.sleeper = sleeper
                return false
            }
            if stale { sleeper.cancel() }
            await withTaskCancellationHandler {
                _ = try? await sleeper.value
            } onCancel: {
                sleeper.cancel()
            }
            if Task.isCancelled { return }
            withMachine { machine, now in ((), machine.tick(now: now)) }
        }
    }

    /// Waits (FIFO) for a connection. `holder` labels the check-out in snapshots and events;
    /// `activity`, if given, is recorded as the running statement from the moment the connection is
    /// handed over (what `reportActivity` does, without its extra lock and clock read).
    nonisolated(nonsending) public func checkOut(holder: String, activity: String? = nil) async throws(PoolError) -> Lease<Connection> {
        // The machine's work happens in synchronous helpers (`CheckOutSteps`): inlined here, their temporaries
        // would all be slots of this async frame, which every waiting check-out keeps in its task's memory.
        var decision = requestCheckOut(holder: holder, activity: activity)
        while true {
            let assignment: PoolAssignment<any PoolableConnection>
            switch decision {
            case .leased(let leased): assignment = leased
            case .failed(let error): throw error
            case .queued(let id): assignment = try await wait(for: id).get()
            }
            observer?.checkedOut(afterWaiting: assignment.waited)
            guard assignment.needsPing else { return lease(assignment) }
            do {
                try await assignment.connection.ping()
                prePingSucceeded(assignment, activity: activity)
                return lease(assignment)
            } catch {
                decision = prePingFailed(assignment, holder: holder, activity: activity)
            }
        }
    }

    /// Returns a connection. `broken: true` closes it instead of reusing it; so does a connection that
    /// is no longer `isUsable` (callers need not check).
    nonisolated(nonsending) public func checkIn(_ lease: Lease<Connection>, broken: Bool = false) async {
        let lost = lease.connection.isUsable ? nil : lease.connection.lossDescription ?? "connection lost"
        var checkedInAt = Duration.zero
        let decision = withMachine { machine, now in
            checkedInAt = now
            return machine.checkIn(
                slot: lease.slot, checkout: lease.checkout, broken: broken, lost: lost, now: now,
                needsReset: { lease.connection.needsReset($0) })
        }
        if let observer, !decision.isIgnored { observer.checkedIn(afterUsing: checkedInAt - lease.checkedOutAt) }
        guard case .reset(let connection, let mode) = decision else { return }
        var succeeded = true
        do { try await connection.reset(mode) } catch { succeeded = false }
        withMachine { machine, now in ((), machine.resetCompleted(slot: lease.slot, succeeded: succeeded, now: now)) }
    }

    /// Records the statement a holder is running, for snapshots (nil when it finishes).
    public func reportActivity(_ lease: Lease<Connection>, query: String?) {
        state.withLock {
            $0.machine.reportActivity(slot: lease.slot, checkout: lease.checkout, query: query, now: clock.now - origin)
        }
    }

    public var configuration: PoolConfiguration { state.withLock { $0.machine.configuration } }

    /// Changes knobs while running; emits a `configurationChanged` event per changed knob.
    public func reconfigure(_ change: (inout PoolConfiguration) -> Void) {
        withMachine { machine, now in
            var new = machine.configuration
            change(&new)
            return ((), machine.reconfigure(new, now: now))
        }
    }

    public func snapshot() -> PoolSnapshot {
        state.withLock { $0.machine.snapshot(now: clock.now - origin) }
    }

    /// Events with a sequence number greater than `sequence`, oldest first (those still in the ring).
    public func events(after sequence: UInt64) -> [PoolEvent] {
        state.withLock { $0.machine.events.events(after: sequence) }
    }

    /// The events newer than `sequence` that are not `isRoutine` (connects, closes, failures, warnings, changes),
    /// kept apart so that none is lost between two looks however busy the pool is.
    public func notableEvents(after sequence: UInt64) -> [PoolEvent] {
        state.withLock { $0.machine.events.notableEvents(after: sequence) }
    }

    /// Closes the connections held by check-outs now, under their holders (whose statements then fail
    /// as lost); the holders still check them in. For a stop that must not wait for hung statements.
    public func interruptInUse() async {
        let held = state.withLock { $0.machine.heldConnections }
        for connection in held { await connection.close() }
    }

    /// Fails every waiter with `.shutdown`, closes idle connections now and busy ones at check-in.
    /// Connects in flight are cancelled (a connection that opens anyway is closed).
    /// Returns once every connect and close in flight has finished; a connection that opens after the
    /// shutdown is closed before it returns.
    public func shutdown() async {
        let (actions, sleeper) = state.withLock { state in
            let actions = state.machine.shutdown(now: clock.now - origin)
            state.timerGeneration &+= 1
            defer { state.sleeper = nil }
            return (actions, state.sleeper)
        }
        sleeper?.cancel()
        for (continuation, outcome) in actions.resume { continuation.resume(returning: outcome) }
        for (slot, connection) in actions.close { await close(slot: slot, connection) }
        while true {
            let running = state.withLock { Array($0.inFlight.values) }
            for task in running { task.cancel() }
            if running.isEmpty { break }
            for task in running { await task.value }
        }
        observer?.poolShutDown(self)
    }
}

extension ConnectionPool {
    /// Checks out, runs `body`, checks in (as broken if the connection stopped being usable).
    public func withConnection<R: Sendable>(
        holder: String, _ body: (Connection) async throws -> R
    ) async throws -> R {
        let lease = try await checkOut(holder: holder)
        do {
            let result = try await body(lease.connection)
            await checkIn(lease)
            return result
        } catch {
            await checkIn(lease)
            throw error
        }
    }
}
