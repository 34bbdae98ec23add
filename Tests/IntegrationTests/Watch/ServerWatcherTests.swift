import ConnectionPool
import EmbeddedPostgres
import LibPQ
import Testing
import Workload

/// `pooltop watch`'s grouping against the real server: a separate pool opened from the test process (the
/// project's pool, the libpq factory, its own application_name in the conninfo) shows up as one client pool
/// with the right count and states.
@Suite struct ServerWatcherTests {
    /// Runs `body` with a running pool of `size` connections whose conninfo names `application`; shuts it down
    /// after, also when `body` throws.
    static func withPool(size: Int, application: String, conninfo: String, _ body: (PostgresPool) async throws -> Void) async throws {
        let target = try ConnectionTarget(conninfo + " application_name=\(application)")
        let pool = PostgresPool(configuration: PoolConfiguration(poolSize: size, maxOverflow: 0), factory: PostgresConnectionFactory(target: target))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await pool.run() }
            do {
                try await body(pool)
            } catch {
                await pool.shutdown()
                throw error
            }
            await pool.shutdown()
        }
    }

    /// Polls until the pool named `application` satisfies `done`; answers the last snapshot and that pool.
    static func watch(_ watcher: ServerWatcher, application: String, until done: @escaping (ClientPool?) -> Bool)
        async throws -> (WatchSnapshot, ClientPool?) {
        let snapshot = try await eventually({ await watcher.poll() }, until: { done($0.pools.first { $0.key.application == application }) })
        return (snapshot, snapshot.pools.first { $0.key.application == application })
    }

    @Test func aSeparatePoolShowsAsOneClientPoolWithItsCountAndStates() async throws {
        let conninfo = try await EmbeddedPostgres.shared().conninfo
        let application = uniqueName("watched")
        let size = 4, inTransaction = 2
        let monitor = ServerMonitor(target: try ConnectionTarget(conninfo), applicationName: uniqueName("watch"))
        let watcher = ServerWatcher(monitor: monitor)
        let probe = try await ServerProbe.open()
        let table = uniqueName("watch_lock")
        try await probe.execute("CREATE TABLE \(table) (id int)")
        defer { probe.close() }
        try await Self.withPool(size: size, application: application, conninfo: conninfo) { pool in
            let leases = try await checkOutConcurrently(pool, count: size, holder: "watched")
            await checkInAll(pool, leases)

            // N idle: every connection of the pool, nothing else in its row.
            let (idle, idlePool) = try await Self.watch(watcher, application: application) { $0?.counts[.idle] == size }
            let row = try #require(idlePool, "no row for \(application) in \(idle.pools.map(\.key.application))")
            #expect(row.counts.total == size && row.counts[.idle] == size, "\(row.counts)")
            #expect(row.key.user == "postgres" && row.key.database == "postgres" && row.key.clientAddress == "local")
            #expect(Set(row.backends.map(\.pid)) == poolBackendPIDs(pool))
            // The watch's own session is left out, and named.
            let own = try #require(idle.ownPID)
            #expect(!idle.pools.flatMap(\.backends).contains { $0.pid == own }, "the watch counted its own connection")

            // k of them in a transaction.
            let held = try await checkOutConcurrently(pool, count: size, holder: "tx")
            for lease in held.prefix(inTransaction) {
                _ = try await lease.connection.connection.query("BEGIN")
                _ = try await lease.connection.connection.query("SELECT 1")
            }
            let (_, transacting) = try await Self.watch(watcher, application: application) { $0?.counts[.idleInTransaction] == inTransaction }
            #expect(transacting?.counts[.idleInTransaction] == inTransaction, "\(String(describing: transacting?.counts))")
            #expect(transacting?.counts[.idle] == size - inTransaction)
            #expect(transacting?.oldestTransaction != nil, "no oldest transaction while two are open")

            // One blocked on a lock another holds: waiting on a lock; the holder stays idle in transaction.
            let holder = held[0].connection.connection
            let blocked = held[size - 1].connection.connection
            _ = try await holder.query("LOCK TABLE \(table) IN ACCESS EXCLUSIVE MODE")
            async let waited = blocked.query("SELECT count(*) FROM \(table)")
            let (_, locking) = try await Self.watch(watcher, application: application) { $0?.counts[.waitingOnLock] == 1 }
            #expect(locking?.counts[.waitingOnLock] == 1, "\(String(describing: locking?.counts))")
            #expect(locking?.counts[.idleInTransaction] == inTransaction)
            #expect(locking?.counts.total == size)
            let waiter = locking?.backends.first { $0.state == .waitingOnLock }
            #expect(waiter?.pid == blocked.backendPID, "\(String(describing: waiter))")
            #expect(waiter?.waitEvent?.hasPrefix("Lock:") == true, "\(String(describing: waiter))")
            #expect(locking?.oldestQuery != nil, "the blocked statement is not the pool's oldest query")

            for lease in held.prefix(inTransaction) { _ = try await lease.connection.connection.query("COMMIT") }
            _ = try await waited
            await checkInAll(pool, held)
        }
        try await probe.execute("DROP TABLE \(table)")
        await monitor.close()
    }
}
