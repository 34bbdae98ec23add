import ConnectionPool
import ConnectionPoolTestUtils
import Synchronization
import Testing

typealias FakePool = ConnectionPool<FakeConnectionFactory>

/// A pool on a fake factory and a manual clock, with its timer running until `finish`.
struct PoolFixture {
    let pool: FakePool
    let factory = FakeConnectionFactory()
    let clock = ManualClock()
    let timer: Task<Void, Never>

    init(_ configuration: PoolConfiguration) {
        let pool = FakePool(configuration: configuration, factory: factory, clock: clock)
        self.pool = pool
        timer = Task { await pool.run() }
    }

    func finish() async {
        await pool.shutdown()
        await timer.value
    }

    var snapshot: PoolSnapshot { pool.snapshot() }
    var events: [PoolEvent.Kind] { pool.events(after: 0).map(\.kind) }

    /// Lets other tasks run until `condition` holds (bounded; records an issue if it never does).
    func eventually(_ what: String, sourceLocation: SourceLocation = #_sourceLocation, _ condition: () -> Bool) async {
        for _ in 0..<200_000 {
            if condition() { return }
            await Task.yield()
        }
        Issue.record("never happened: \(what)", sourceLocation: sourceLocation)
    }

    /// Starts a check-out in its own task and waits until it is queued.
    func queuedCheckOut(_ holder: String) async -> Task<Lease<FakeConnection>, any Error> {
        let before = snapshot.waiters.count
        let task = Task { [pool] in try await pool.checkOut(holder: holder) }
        await eventually("\(holder) queued") { snapshot.waiters.count > before }
        return task
    }
}

/// An append-only list shared between tasks.
final class Recorder<Element: Sendable>: Sendable {
    private let items = Mutex<[Element]>([])
    func append(_ item: Element) { items.withLock { $0.append(item) } }
    var all: [Element] { items.withLock { $0 } }
}
