import Synchronization

/// The table the read-write mix updates: created and filled by the first transaction that needs it, dropped
/// at the end of the load if this load created it.
final class ReadWriteTable: Sendable {
    static let rows = 100

    let name: String
    private let ready = Atomic<Bool>(false)
    private let created = Atomic<Bool>(false)

    init(name: String) {
        self.name = name
    }

    /// True once a transaction has tried to create the table (so the load drops it at the end).
    var needsDrop: Bool { created.load(ordering: .acquiring) }

    var dropStatement: String { "DROP TABLE IF EXISTS \(name)" }

    /// One short transaction: add one to `row`'s counter (creating the table first if needed).
    nonisolated(nonsending) func transaction<Connection: WorkloadConnection>(
        row: Int, on connection: Connection
    ) async throws(Connection.StatementError) {
        if !ready.load(ordering: .acquiring) { try await create(on: connection) }
        try await inTransaction(on: connection) { () async throws(Connection.StatementError) in
            try await connection.execute("UPDATE \(name) SET n = n + 1 WHERE id = $1 RETURNING n", [String(row)])
        }
    }

    /// Creates and fills the table once; concurrent first callers serialise on an advisory lock.
    nonisolated(nonsending) private func create<Connection: WorkloadConnection>(
        on connection: Connection
    ) async throws(Connection.StatementError) {
        created.store(true, ordering: .releasing)
        try await inTransaction(on: connection) { () async throws(Connection.StatementError) in
            try await connection.execute("SELECT pg_advisory_xact_lock(hashtext($1))", [name])
            try await connection.execute(
                "CREATE UNLOGGED TABLE IF NOT EXISTS \(name) (id integer PRIMARY KEY, n bigint NOT NULL DEFAULT 0)", [])
            try await connection.execute(
                "INSERT INTO \(name) (id) SELECT generate_series(1, \(Self.rows)) ON CONFLICT DO NOTHING", [])
        }
        ready.store(true, ordering: .releasing)
    }

    /// BEGIN, `body`, COMMIT; ROLLBACK (its own failure ignored) and rethrow if any step fails.
    nonisolated(nonsending) private func inTransaction<Connection: WorkloadConnection>(
        on connection: Connection, _ body: nonisolated(nonsending) () async throws(Connection.StatementError) -> Void
    ) async throws(Connection.StatementError) {
        try await connection.execute("BEGIN", [])
        do throws(Connection.StatementError) {
            try await body()
            try await connection.execute("COMMIT", [])
        } catch {
            _ = try? await connection.execute("ROLLBACK", [])
            throw error
        }
    }
}
