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
        var holding = false
        var held: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// Every statement run so far, oldest first (held ones included).
    public var log: [Statement] { state.withLock { $0.log } }
    /// Statements currently held by `hold`.
    public var heldCount: Int { state.withLock { $0.held.count } }

    /// The next `count` statements that start with `prefix` (any statement by default) fail with `message`.
    public func failNext(_ count: Int, startingWith prefix: String = "", message: String = "statement failed") {
        state.withLock { $0.failures += Array(repeating: (prefix, message), count: count) }
    }

    /// From now on statements wait until `release` (a slow query).
    public func hold() { state.withLock { $0.holding = true } }

    /// Lets held statements finish and stops holding new ones.
    public func release() {
        let held = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.holding = false
            defer { state.held = [] }
            return state.held
        }
        for continuation in held { continuation.resume() }
    }

    /// Records the statement, waits while held, then fails if a failure was scripted.
    func run(_ statement: Statement) async throws(FakeConnection.Failure) {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { state -> Bool in
                state.log.append(statement)
                guard state.holding else { return true }
                state.held.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
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
