import ConnectionPool
import Synchronization

/// A scriptable stand-in for a database connection: it can be lost, fail pings or resets, and records
/// what the pool did to it.
public final class FakeConnection: PoolableConnection {
    /// Thrown by a scripted failure.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    private struct State {
        var lost = false
        var failingPings = 0
        var failingResets = 0
        var pings = 0
        var resets: [ResetMode] = []
        var closed = false
    }

    public let id: Int
    public let backendPID: Int32?
    /// Where `run` sends statements.
    public let statements: FakeStatements
    private let state = Mutex(State())

    public init(id: Int, statements: FakeStatements = FakeStatements()) {
        self.id = id
        self.backendPID = Int32(10_000 + id)
        self.statements = statements
    }

    public var isUsable: Bool { state.withLock { !$0.lost && !$0.closed } }
    public var isClosed: Bool { state.withLock { $0.closed } }
    public var pingCount: Int { state.withLock { $0.pings } }
    public var resets: [ResetMode] { state.withLock { $0.resets } }

    /// The server went away: `isUsable` turns false and pings fail.
    public func markLost() { state.withLock { $0.lost = true } }
    public func failNextPings(_ count: Int = 1) { state.withLock { $0.failingPings += count } }
    public func failNextResets(_ count: Int = 1) { state.withLock { $0.failingResets += count } }

    public func ping() async throws {
        let fail = state.withLock { state -> Bool in
            state.pings += 1
            if state.lost { return true }
            guard state.failingPings > 0 else { return false }
            state.failingPings -= 1
            return true
        }
        if fail { throw Failure(description: "ping failed on connection \(id)") }
    }

    public func reset(_ mode: ResetMode) async throws {
        let fail = state.withLock { state -> Bool in
            state.resets.append(mode)
            guard state.failingResets > 0 else { return state.lost }
            state.failingResets -= 1
            return true
        }
        if fail { throw Failure(description: "reset failed on connection \(id)") }
    }

    public func close() async { state.withLock { $0.closed = true } }
}
