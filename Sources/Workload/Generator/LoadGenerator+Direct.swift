import ConnectionPool

/// A worker's query in no-pool mode.
extension LoadGenerator {
    /// Connect (the "wait"), run the statement, close. False when the task was cancelled.
    @inline(never)
    func runDirect(
        _ query: PreparedQuery, direct: DirectConnections<Factory>, id: Int, shard: LoadShard,
        random: inout FastRandom, next: WorkerState
    ) async -> Bool {
        let began = clock.now
        direct.connecting()
        defer { direct.closed() }
        let connection: Factory.Connection
        do {
            connection = try await direct.factory.makeConnection()
        } catch {
            shard.finished(id: id, queryTime: nil, error: "\(error)", failure: .connect, next: next)
            return await pause(for: .milliseconds(10))
        }
        direct.connected()
        shard.checkedOut(id: id, wait: clock.now - began)
        let started = clock.now
        let failure = await connection.run(query.operation, readWrite: readWrite, random: &random)
        let queryTime: Duration? = query.activity == nil ? nil : clock.now - started
        let kind: StatementFailure = failure != nil && !connection.isUsable ? .connectionLost : .query
        await connection.close()
        shard.finished(id: id, queryTime: queryTime, error: failure?.description, failure: kind, next: next)
        return true
    }
}
