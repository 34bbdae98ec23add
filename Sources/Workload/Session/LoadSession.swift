import ConnectionPool
import LibPQ

/// The load generator on PostgreSQL in real time: what `LoadSession`, bench and sweep run.
public typealias PostgresLoadGenerator = LoadGenerator<PostgresConnectionFactory, ContinuousPoolClock>

/// A running load with everything it needs: the pool (running its maintenance task), the generator, and the
/// dead-link watchdog of their connections (running from the start to the stop). What the screen and `bench`
/// start and stop as one.
public final class LoadSession: Sendable {
    public let generator: PostgresLoadGenerator
    /// Nil in no-pool mode.
    public let pool: ConnectionPool<PostgresConnectionFactory>?
    /// Opens the console's own connections in no-pool mode.
    let factory: PostgresConnectionFactory
    /// The application_name the session's connections carry, as libpq sent it (the target's own when it sets one):
    /// how pgbouncer's SHOW CLIENTS tells them from other clients.
    public let applicationName: String
    private let poolTask: Task<Void, Never>?
    /// The factory's watchdog running; the stop ends it last, once every connection is closed.
    private let watchdogTask: Task<Void, Never>?

    private init(
        generator: PostgresLoadGenerator, pool: ConnectionPool<PostgresConnectionFactory>?, factory: PostgresConnectionFactory,
        applicationName: String, poolTask: Task<Void, Never>?, watchdogTask: Task<Void, Never>?
    ) {
        self.generator = generator
        self.pool = pool
        self.factory = factory
        self.applicationName = applicationName
        self.poolTask = poolTask
        self.watchdogTask = watchdogTask
    }

    /// Checks that `target` accepts a connection (fails fast with libpq's reason), then starts the pool and the load.
    /// `deadLinkTimeout` bounds a statement on a dead link (nil: no bound); `observer` is told the pool's
    /// durations (metrics).
    public static func start(
        target: ConnectionTarget, configuration: PoolConfiguration, settings: LoadSettings, mode: LoadMode = .pool,
        applicationName: String = "pooltop", deadLinkTimeout: Duration? = PostgresConnection.defaultDeadLinkTimeout,
        observer: (any PoolObserver)? = nil
    ) async throws(WorkloadError) -> LoadSession {
        let sentName: String
        do {
            let probe = try await PostgresConnection.connect(to: target, applicationName: applicationName)
            sentName = probe.applicationName
            probe.close()
        } catch {
            throw .connectionFailed(error.description)
        }
        let watchdog = deadLinkTimeout.map { LinkWatchdog(bound: $0) }
        let watchdogTask = watchdog.map { watchdog in Task { await watchdog.run() } }
        let factory = PostgresConnectionFactory(target: target, applicationName: applicationName, watchdog: watchdog)
        let session: LoadSession
        switch mode {
        case .pool:
            let pool = ConnectionPool(configuration: configuration, factory: factory, observer: observer)
            let poolTask = Task { await pool.run() }
            session = LoadSession(
                generator: LoadGenerator(pool: pool, settings: settings), pool: pool, factory: factory, applicationName: sentName,
                poolTask: poolTask, watchdogTask: watchdogTask)
        case .noPool:
            session = LoadSession(
                generator: LoadGenerator(connectingPerQuery: factory, settings: settings), pool: nil, factory: factory,
                applicationName: sentName, poolTask: nil, watchdogTask: watchdogTask)
        }
        session.generator.start()
        return session
    }

    /// Stops the load, then shuts the pool down and waits for its maintenance task, then ends the watchdog
    /// (a link check under way is cut short, and judges nothing) and waits for it. Workers still in a
    /// statement after `grace` (a hung link, a long query) get their connections closed under them, so
    /// the stop takes about `grace` whatever hangs.
    public func stop(grace: Duration = .seconds(1)) async {
        let stopping = Task { await generator.stop() }
        if let pool {
            let deadline = Task { [pool] in
                try await Task.sleep(for: grace)
                await pool.interruptInUse()
            }
            await stopping.value
            deadline.cancel()
            _ = await deadline.result
            await pool.shutdown()
        } else {
            await stopping.value
        }
        await poolTask?.value
        watchdogTask?.cancel()
        await watchdogTask?.value
    }
}
