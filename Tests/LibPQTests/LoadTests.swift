import LibPQ
import Synchronization
import Testing

@Suite struct LoadTests {
    @Test func thousandTasksRunTenThousandQueriesOverTwentyConnections() async throws {
        let queue = try await ConnectionQueue.connect(count: 20)
        defer { queue.closeAll() }
        let completed = Counter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<1000 {
                group.addTask {
                    for query in 0..<10 {
                        let expected = String(task * 10 + query)
                        let rows = try await queue.withConnection { try await $0.query("SELECT $1::int", [expected]).rows }
                        #expect(rows == [[expected]])
                        completed.increment()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(completed.value == 10_000)
    }
}

/// A count shared by many tasks.
final class Counter: Sendable {
    private let atomic = Atomic<Int>(0)
    func increment() { atomic.add(1, ordering: .relaxed) }
    var value: Int { atomic.load(ordering: .relaxed) }
}

/// A flag one task raises for all others.
final class StopFlag: Sendable {
    private let atomic = Atomic<Bool>(false)
    func raise() { atomic.store(true, ordering: .relaxed) }
    var isRaised: Bool { atomic.load(ordering: .relaxed) }
}
