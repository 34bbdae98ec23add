import Waiting

/// Each client pool's counts over the last polls, for the table's sparklines and the selected pool's chart.
/// A pool that lost its connections keeps zeros until its whole window is empty, then is forgotten. Pure.
struct WatchHistory: Sendable {
    /// Samples kept per pool: two minutes at one poll a second.
    static let capacity = 120

    private var series: [ClientPoolKey: RingBuffer<StateCounts>] = [:]

    /// One poll's pools: each known pool gets a sample (empty when it is gone), a new one starts its series.
    mutating func record(_ pools: [ClientPool]) {
        let now = Dictionary(uniqueKeysWithValues: pools.map { ($0.key, $0.counts) })
        for key in Set(series.keys).union(now.keys) {
            var samples = series[key] ?? RingBuffer(capacity: Self.capacity)
            samples.append(now[key] ?? StateCounts())
            while samples.count > Self.capacity { _ = samples.popFirst() }
            series[key] = samples.elements.allSatisfy({ $0.total == 0 }) ? nil : samples
        }
    }

    var samples: [ClientPoolKey: [StateCounts]] { series.mapValues(\.elements) }
}
