/// The connections one client pool holds on the server (same application, client address, user, database).
public struct ClientPool: Sendable, Equatable {
    public var key: ClientPoolKey
    /// Its connections, by pid.
    public var backends: [ClientBackend]
    public var counts: StateCounts
    /// The oldest open transaction among its connections (now − xact_start).
    public var oldestTransaction: Duration?
    /// The longest-running statement among its connections (active or waiting on a lock).
    public var oldestQuery: Duration?

    public init(key: ClientPoolKey, backends: [ClientBackend]) {
        self.key = key
        self.backends = backends.sorted { $0.pid < $1.pid }
        var counts = StateCounts()
        for backend in backends { counts[backend.state] += 1 }
        self.counts = counts
        oldestTransaction = backends.compactMap(\.transactionAge).max()
        oldestQuery = backends.filter(\.isRunning).compactMap(\.queryAge).max()
    }

    /// One pool per key, in key order.
    public static func grouped(_ backends: [ClientBackend]) -> [ClientPool] {
        Dictionary(grouping: backends, by: \.pool).map { ClientPool(key: $0.key, backends: $0.value) }.sorted { $0.key < $1.key }
    }
}
