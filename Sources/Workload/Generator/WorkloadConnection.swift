import ConnectionPool

/// What the load needs of a connection beyond what the pool needs: run one statement whose rows it ignores.
/// PostgreSQL's connection conforms in `Session/`; the tests' fake conforms in the test target.
public protocol WorkloadConnection: PoolableConnection {
    associatedtype StatementError: Error & CustomStringConvertible
    /// Runs `sql` with text parameters ($1, $2…; nil is NULL); throws the server's error.
    nonisolated(nonsending) func execute(_ sql: String, _ parameters: [String?]) async throws(StatementError)
    /// Where worker tasks prefer to run (e.g. the threads that read this kind of connection's results); nil for
    /// the default executor.
    static var workerExecutor: (any TaskExecutor)? { get }
}

extension WorkloadConnection {
    public static var workerExecutor: (any TaskExecutor)? { nil }

    /// Runs one prepared operation of the mix; returns the statement's error instead of throwing it.
    nonisolated(nonsending) func run(
        _ operation: PreparedQuery.Operation, readWrite: ReadWriteTable, random: inout FastRandom
    ) async -> StatementError? {
        do throws(StatementError) {
            switch operation {
            case .none:
                break
            case .statement(let sql):
                try await execute(sql, [])
            case .sleepRandom(let minimum, let maximum):
                let seconds = minimum + (maximum - minimum) * random.nextUnit()
                try await execute("SELECT pg_sleep($1)", [String(seconds)])
            case .readWrite:
                try await readWrite.transaction(row: random.nextIndex(upTo: ReadWriteTable.rows), on: self)
            }
            return nil
        } catch {
            return error
        }
    }
}
