import ConnectionPool

/// A worker's query through the pool.
extension LoadGenerator {
    /// One check-out → statement → check-in. False when the worker should end (pool shut down, task cancelled).
    /// A waiting worker keeps this frame (see `runWorker`): the check-out's failure and the statement are calls.
    @inline(never)
    nonisolated(nonsending) func runPooled(
        _ query: PreparedQuery, pool: ConnectionPool<Factory>, id: Int, label: String,
        shard: LoadShard, random: inout FastRandom, next: WorkerState
    ) async -> Bool {
        let lease: Lease<Factory.Connection>
        do {
            lease = try await pool.checkOut(holder: label, activity: query.activity)
        } catch {
            return await checkOutFailed(error, id: id, shard: shard, next: next)
        }
        return await runLeased(query, lease: lease, pool: pool, id: id, shard: shard, random: &random, next: next)
    }

    /// Counts the failure; false when the worker should end.
    @inline(never)
    nonisolated(nonsending) private func checkOutFailed(
        _ error: PoolError, id: Int, shard: LoadShard, next: WorkerState
    ) async -> Bool {
        switch error {
        case .timeout(let waited, _):
            shard.timedOut(id: id, wait: waited, message: error.description)
            return true
        case .tooManyWaiters:
            shard.finished(id: id, queryTime: nil, error: error.description, next: next)
            return await pause(for: .milliseconds(1))
        case .shutdown, .cancelled:
            return false
        }
    }

    /// The statement on a checked-out connection, then the check-in.
    @inline(never)
    nonisolated(nonsending) private func runLeased(
        _ query: PreparedQuery, lease: Lease<Factory.Connection>, pool: ConnectionPool<Factory>, id: Int,
        shard: LoadShard, random: inout FastRandom, next: WorkerState
    ) async -> Bool {
        shard.checkedOut(id: id, wait: lease.waited)
        var failure: Factory.Connection.StatementError?
        var queryTime: Duration?
        if query.activity != nil {
            let began = clock.now
            failure = await lease.connection.run(query.operation, readWrite: readWrite, random: &random)
            queryTime = clock.now - began
        }
        // A failure that left the connection unusable is a lost connection, not a failed query.
        let kind: StatementFailure = failure != nil && !lease.connection.isUsable ? .connectionLost : .query
        await pool.checkIn(lease)
        shard.finished(id: id, queryTime: queryTime, error: failure?.description, failure: kind, next: next)
        return true
    }
}
