import ConnectionPool

/// The screen's bounded history of the pool's notable events (connects, closes, failures, timeouts, changes), for
/// building `DashboardData.events`: `catchUp(with:)` on every collect. Configuration changes are dropped last,
/// so the chart markers survive a burst of connects and closes.
public struct RecentEvents: Sendable, Equatable {
    public private(set) var events: [PoolEvent] = []
    public private(set) var lastSequence: UInt64 = 0
    public let capacity: Int

    public init(capacity: Int = 500) { self.capacity = max(1, capacity) }

    /// Takes what `pool` logged since the last call from its ring of notable events, which check-outs and
    /// check-ins never enter: at any rate of queries, no connect, close, timeout or change scrolls away between
    /// two frames (the ring of every event is 1024 long, a fraction of a second at high q/s).
    public mutating func catchUp<Factory: ConnectionFactory>(with pool: ConnectionPool<Factory>) {
        append(pool.notableEvents(after: lastSequence))
    }

    public mutating func append(_ new: [PoolEvent]) {
        for event in new where event.sequence > lastSequence {
            events.append(event)
            lastSequence = event.sequence
        }
        guard events.count > capacity else { return }
        var excess = events.count - capacity
        var kept: [PoolEvent] = []
        kept.reserveCapacity(capacity)
        for event in events {
            if excess > 0, !event.isConfigurationChange {
                excess -= 1
            } else {
                kept.append(event)
            }
        }
        events = Array(kept.suffix(capacity))
    }
}

extension PoolEvent {
    var isConfigurationChange: Bool {
        if case .configurationChanged = kind { return true }
        return false
    }
}
