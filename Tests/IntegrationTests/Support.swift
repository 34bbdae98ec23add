import ConnectionPool
import EmbeddedPostgres
import LibPQ
import Testing
import Workload

/// The pool every integration test builds: real libpq sessions on the shared embedded cluster.
typealias PostgresPool = ConnectionPool<PostgresConnectionFactory>
typealias PostgresLease = Lease<PooledPostgresConnection>

/// The process's shared embedded cluster, as a libpq target (unix socket).
func serverTarget() async throws -> ConnectionTarget {
    try ConnectionTarget(try await EmbeddedPostgres.shared().conninfo)
}

/// A name no other test (nor another run) uses: the application_name that tells a pool's backends apart
/// in pg_stat_activity, or a table name (letters, digits and underscores only).
func uniqueName(_ label: String) -> String {
    "it_\(label)_\(UInt32.random(in: 0...UInt32.max))"
}

/// A SQL string literal.
func literal(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
}

/// Reads `read` until `done` holds or `timeout` passes (polling, never a fixed wait); returns the last value
/// read, which the caller then checks, so a miss fails with the value seen.
func eventually<T: Sendable>(
    within timeout: Duration = .seconds(15), every interval: Duration = .milliseconds(20),
    _ read: () async throws -> T, until done: (T) -> Bool
) async throws -> T {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while true {
        let value = try await read()
        if done(value) || clock.now >= deadline { return value }
        try await Task.sleep(for: interval)
    }
}

/// A connection of its own that looks at the server: what pg_stat_activity shows for a pool, terminating
/// backends, reading tables. One query at a time: give each concurrent task its own probe.
final class ServerProbe: Sendable {
    let connection: PostgresConnection

    private init(_ connection: PostgresConnection) {
        self.connection = connection
    }

    static func open() async throws -> ServerProbe {
        ServerProbe(try await PostgresConnection.connect(to: serverTarget(), applicationName: uniqueName("probe")))
    }

    /// The backends whose application_name is `application`.
    func backendPIDs(application: String) async throws -> Set<Int32> {
        let rows = try await connection.query(
            "SELECT pid FROM pg_stat_activity WHERE application_name = $1", [application]).rows
        return Set(rows.compactMap { row in row.first.flatMap { $0 }.flatMap { Int32($0) } })
    }

    func backendCount(application: String) async throws -> Int {
        try await backendPIDs(application: application).count
    }

    /// pg_stat_activity.state of `pid` ("idle", "idle in transaction"…), nil once it is gone.
    func state(ofBackend pid: Int32) async throws -> String? {
        try await connection.query("SELECT state FROM pg_stat_activity WHERE pid = $1", [String(pid)]).rows.first?.first ?? nil
    }

    func terminate(_ pid: Int32) async throws -> Bool {
        try await connection.query("SELECT pg_terminate_backend($1)", [String(pid)]).rows.first?.first == "t"
    }

    /// The single integer `sql` returns (nil for NULL).
    func integer(_ sql: String, _ parameters: [String?] = []) async throws -> Int? {
        let value = try await connection.query(sql, parameters).rows.first?.first ?? nil
        return value.flatMap { Int($0) }
    }

    func execute(_ sql: String) async throws {
        _ = try await connection.query(sql)
    }

    func close() {
        connection.close()
    }
}

/// Runs `body` with a running pool whose backends carry a fresh application_name (passed to `body`), then
/// shuts the pool down (also when `body` throws).
func withPool<R: Sendable>(
    _ configuration: PoolConfiguration, label: String,
    _ body: (PostgresPool, _ application: String) async throws -> R
) async throws -> R {
    let application = uniqueName(label)
    let pool = PostgresPool(
        configuration: configuration, factory: PostgresConnectionFactory(target: try await serverTarget(), applicationName: application))
    let runner = Task { await pool.run() }
    do {
        let result = try await body(pool, application)
        await pool.shutdown()
        await runner.value
        return result
    } catch {
        await pool.shutdown()
        await runner.value
        throw error
    }
}

/// Checks out `count` connections at once (each a separate waiting task) and returns the leases.
func checkOutConcurrently(_ pool: PostgresPool, count: Int, holder: String) async throws -> [PostgresLease] {
    try await withThrowingTaskGroup(of: PostgresLease.self) { group in
        for index in 0..<count {
            group.addTask { try await pool.checkOut(holder: "\(holder)-\(index)") }
        }
        var leases: [PostgresLease] = []
        for try await lease in group { leases.append(lease) }
        return leases
    }
}

func checkInAll(_ pool: PostgresPool, _ leases: [PostgresLease]) async {
    for lease in leases { await pool.checkIn(lease) }
}

/// The backend pids the pool's snapshot shows (connections opened, not closing).
func poolBackendPIDs(_ pool: PostgresPool) -> Set<Int32> {
    Set(pool.snapshot().slots.filter { $0.state != .closing && $0.state != .connecting }.compactMap(\.backendPID))
}

/// Expects `checkOut` to wait and then fail with `.timeout`; returns the limits text it carried.
func expectCheckOutTimesOut(_ pool: PostgresPool, holder: String) async -> String? {
    do {
        let lease = try await pool.checkOut(holder: holder)
        Issue.record("check-out \(holder) got slot \(lease.slot); expected a timeout")
        await pool.checkIn(lease)
        return nil
    } catch {
        guard case .timeout(let waited, let limits) = error else {
            Issue.record("check-out \(holder) failed with \(error); expected a timeout")
            return nil
        }
        #expect(waited >= pool.configuration.checkoutTimeout)
        return limits
    }
}
