import ConnectionPool
import Synchronization

/// Where the load's queries get their connections: a pool, or (no-pool mode) a new connection per query.
enum LoadBackend<Factory: ConnectionFactory>: Sendable {
    case pool(ConnectionPool<Factory>)
    case direct(DirectConnections<Factory>)

    var mode: LoadMode {
        if case .direct = self { return .noPool }
        return .pool
    }

    var view: PoolView {
        switch self {
        case .pool(let pool):
            let snapshot = pool.snapshot()
            return PoolView(inUse: snapshot.inUse, idle: snapshot.idle, overflow: snapshot.overflowOpen,
                            waiters: snapshot.waiters.count, open: snapshot.open, connects: snapshot.counters.connects,
                            connections: ConnectionCounts(snapshot.counters))
        case .direct(let direct):
            let open = direct.open
            return PoolView(inUse: open, open: open, connects: direct.connects)
        }
    }
}

/// No-pool mode's factory, with the counts a pool would keep: connections open now and opened so far.
final class DirectConnections<Factory: ConnectionFactory>: Sendable {
    let factory: Factory
    private let opening = Atomic<Int>(0)
    private let opened = Atomic<Int>(0)

    init(_ factory: Factory) {
        self.factory = factory
    }

    /// Connections being opened or in use.
    var open: Int { opening.load(ordering: .relaxed) }
    var connects: Int { opened.load(ordering: .relaxed) }

    /// Counts the connection as open until `closed()`.
    func connecting() { opening.wrappingAdd(1, ordering: .relaxed) }
    func connected() { opened.wrappingAdd(1, ordering: .relaxed) }
    func closed() { opening.wrappingSubtract(1, ordering: .relaxed) }
}
