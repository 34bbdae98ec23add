import ConnectionPool
import Testing
@testable import Inspector

@Suite struct RecentEventsTests {
    private func closes(_ range: ClosedRange<UInt64>) -> [PoolEvent] {
        range.map { PoolEvent(sequence: $0, at: .seconds(Int64($0)), kind: .slotChanged(slot: Int($0), from: .idle, to: nil, reason: .idle)) }
    }

    @Test func keepsTheNewestAndSkipsWhatItHasSeen() {
        var window = RecentEvents(capacity: 10)
        window.append(closes(1...8))
        window.append(closes(5...15))
        #expect(window.events.map(\.sequence) == Array(6...15))
        #expect(window.lastSequence == 15)
    }

    @Test func configurationChangesOutliveABurst() {
        var window = RecentEvents(capacity: 10)
        window.append([PoolEvent(sequence: 1, at: .seconds(1), kind: .configurationChanged(description: "pool_size 5 → 6"))])
        window.append(closes(2...30))
        #expect(window.events.count == 10)
        #expect(window.events.first?.sequence == 1)
        #expect(window.events.last?.sequence == 30)
    }
}
