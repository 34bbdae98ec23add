import ConnectionPool

/// A bounded window of the newest pool events, for building `DashboardData.events`: feed it
/// `pool.events(after: window.lastSequence)` on every collect. Configuration changes are dropped last,
/// so the chart markers survive a burst of connects and closes.
public struct RecentEvents: Sendable, Equatable {
    public private(set) var events: [PoolEvent] = []
    public private(set) var lastSequence: UInt64 = 0
    public let capacity: Int

    public init(capacity: Int = 500) { self.capacity = max(1, capacity) }

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
