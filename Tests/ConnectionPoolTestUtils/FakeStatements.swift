import Synchronization

/// What the fake connections' server does with statements: it records every one, and fails or holds the
/// next ones when a test says so. One script is shared by all the connections of a `FakeConnectionFactory`.
public final class FakeStatements: Sendable {
    public struct Statement: Sendable, Equatable {
        public var connection: Int
        public var sql: String
        public var parameters: [String?]
    }

    private struct State {
        var log: [Statement] = []
        /// Scripted failures, in order: the statements they apply to (those starting with the prefix) and the message.
        var failures: [(prefix: String, message: String)] = []
    }

    private let state = Mutex(State())
    private let gate = FakeGate()

    public init() {}

    /// Every statement run so far, oldest first (held ones included).
    public var log: [Statement] { state.withLock { $0.log } }
    /// Statements currently held by `hold`.
    public var heldCount: Int { gate.waitingCount }

    /// The next `count` statements that start with `prefix` (any statement by default) fail with `message`.
    public func failNext(_ count: Int, startingWith prefix: String = "", message: String = "statement failed") {
        state.withLock { $0.failures += Array(repeating: (prefix, message), count: count) }
    }

    /// From now on statements wait until `release` (a slow query).
    public func hold() { gate.close() }

    /// Lets held statements finish and stops holding new ones.
    public func release() { gate.open() }

    /// Records the statement, waits while held, then fails if a failure was scripted.
    func run(_ statement: Statement) async throws(FakeConnection.Failure) {
        state.withLock { $0.log.append(statement) }
        await gate.pass()
        let failure = state.withLock { state -> String? in
            guard let index = state.failures.firstIndex(where: { statement.sql.hasPrefix($0.prefix) }) else { return nil }
            return state.failures.remove(at: index).message
        }
        if let failure { throw FakeConnection.Failure(description: failure) }
    }
}

extension FakeConnection {
    /// Runs a statement on the fake server (see `FakeStatements`); fails at once if the connection is lost or closed.
    public func run(_ sql: String, _ parameters: [String?] = []) async throws(Failure) {
        guard isUsable else { throw Failure(description: "connection \(id) is not usable") }
        try await statements.run(FakeStatements.Statement(connection: id, sql: sql, parameters: parameters))
    }
}
