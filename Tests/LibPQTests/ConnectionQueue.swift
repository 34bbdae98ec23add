import LibPQ
import Synchronization

/// A fixed set of connections shared by many tasks, for load tests: a task takes a free one or
/// waits its turn (FIFO), runs its work, and hands it back. Not the pool; just enough to share.
final class ConnectionQueue: Sendable {
    private struct State {
        var idle: [PostgresConnection]
        var waiters: [UnsafeContinuation<PostgresConnection, Never>] = []
    }
    private let state: Mutex<State>

    init(_ connections: [PostgresConnection]) {
        state = Mutex(State(idle: connections))
    }

    static func connect(count: Int) async throws -> ConnectionQueue {
        var connections: [PostgresConnection] = []
        for _ in 0..<count { connections.append(try await connectToTestServer()) }
        return ConnectionQueue(connections)
    }

    func withConnection<R: Sendable>(_ body: (PostgresConnection) async throws -> R) async throws -> R {
        let connection = await take()
        defer { giveBack(connection) }
        return try await body(connection)
    }

    func closeAll() {
        state.withLock { $0.idle }.forEach { $0.close() }
    }

    private func take() async -> PostgresConnection {
        await withUnsafeContinuation { continuation in
            let free = state.withLock { state -> PostgresConnection? in
                if let connection = state.idle.popLast() { return connection }
                state.waiters.append(continuation)
                return nil
            }
            if let free { continuation.resume(returning: free) }
        }
    }

    private func giveBack(_ connection: PostgresConnection) {
        let waiter = state.withLock { state -> UnsafeContinuation<PostgresConnection, Never>? in
            if state.waiters.isEmpty {
                state.idle.append(connection)
                return nil
            }
            return state.waiters.removeFirst()
        }
        waiter?.resume(returning: connection)
    }
}
