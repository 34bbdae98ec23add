import ConnectionPool
import Synchronization

/// Where the load's queries get their connections: the pool, or (no-pool mode) a new connection per query.
/// A load made on a pool can switch between the two while it runs (`LoadSettings.mode`).
struct LoadBackend<Factory: ConnectionFactory>: Sendable {
    /// Nil for a load made without a pool: it runs in no-pool mode only.
    let pool: ConnectionPool<Factory>?
    let direct: DirectConnections<Factory>

    static func pool(_ pool: ConnectionPool<Factory>) -> Self { Self(pool: pool, direct: DirectConnections(pool.factory)) }
    static func direct(_ direct: DirectConnections<Factory>) -> Self { Self(pool: nil, direct: direct) }

    /// The mode the load can run in when `requested`: no-pool when there is no pool.
    func mode(_ requested: LoadMode) -> LoadMode { pool == nil ? .noPool : requested }

    /// The pool to go through in `mode`, or nil for a connection per query.
    func pool(in mode: LoadMode) -> ConnectionPool<Factory>? { mode == .pool ? pool : nil }

    func view(in mode: LoadMode) -> PoolView {
        if let pool = pool(in: mode) {
            let snapshot = pool.snapshot()
            return PoolView(inUse: snapshot.inUse, idle: snapshot.idle, overflow: snapshot.overflowOpen,
                            waiters: snapshot.waiters.count, open: snapshot.open, connects: snapshot.counters.connects,
                            connections: ConnectionCounts(snapshot.counters))
        }
        let open = direct.open
        return PoolView(inUse: open, open: open, connects: direct.connects)
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
