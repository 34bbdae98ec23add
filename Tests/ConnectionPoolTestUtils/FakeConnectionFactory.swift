import ConnectionPool
import Synchronization

/// Opens `FakeConnection`s. Scriptable: fail the next N connects, or hold connects until the test releases
/// them (a slow server).
public final class FakeConnectionFactory: ConnectionFactory {
    private struct State {
        var nextID = 1
        var failures: [String] = []
        var made: [FakeConnection] = []
        var attempts = 0
    }

    private let state = Mutex(State())
    private let connects = FakeGate()
    /// The statements every connection of this factory runs.
    public let statements = FakeStatements()

    public init() {}

    /// Connect attempts so far (successful or not).
    public var attempts: Int { state.withLock { $0.attempts } }
    /// Every connection opened, oldest first.
    public var made: [FakeConnection] { state.withLock { $0.made } }
    /// Connects currently held by `holdConnects`.
    public var heldCount: Int { connects.waitingCount }

    /// The next `count` connects throw `message`.
    public func failNextConnects(_ count: Int, message: String = "connection refused") {
        state.withLock { $0.failures += Array(repeating: message, count: count) }
    }

    /// From now on connects wait until `releaseConnects` (a slow server).
    public func holdConnects() { connects.close() }

    /// Lets held connects proceed and stops holding new ones.
    public func releaseConnects() { connects.open() }

    public func makeConnection() async throws -> FakeConnection {
        state.withLock { $0.attempts += 1 }
        await connects.pass()
        return try state.withLock { state in
            if !state.failures.isEmpty { throw FakeConnection.Failure(description: state.failures.removeFirst()) }
            let connection = FakeConnection(id: state.nextID, statements: statements)
            state.nextID += 1
            state.made.append(connection)
            return connection
        }
    }
}
