import Testing
@testable import Waiting

@Suite struct IdentifiedQueueTests {
    func queue(_ ids: ClosedRange<UInt64>) -> IdentifiedQueue<String> {
        var queue = IdentifiedQueue<String>()
        for id in ids { queue.append(id, "e\(id)") }
        return queue
    }

    @Test func servesInFirstInFirstOutOrder() {
        var q = queue(1...3)
        #expect(q.popFirst()?.element == "e1")
        #expect(q.popFirst()?.element == "e2")
        #expect(q.popFirst()?.element == "e3")
        #expect(q.popFirst() == nil)
        #expect(q.isEmpty)
    }

    @Test func prependedElementIsServedFirst() {
        var q = queue(1...2)
        q.prepend(9, "front")
        #expect(q.first()?.id == 9)
        #expect(q.oldest(3) == ["front", "e1", "e2"])
    }

    @Test func removedIdIsSkippedAsATombstone() {
        var q = queue(1...4)
        #expect(q.remove(1) == "e1")
        #expect(q.remove(3) == "e3")
        #expect(q.remove(3) == nil)
        #expect(q.count == 2)
        #expect(q.first()?.id == 2)
        #expect(q.popFirst()?.id == 2)
        #expect(q.popFirst()?.id == 4)
        #expect(q.popFirst() == nil)
    }

    @Test func updateChangesAQueuedElementOnly() {
        var q = queue(1...2)
        let updated = q.update(2) { $0 = "changed" }
        let updatedMissing = q.update(5) { $0 = "never" }
        #expect(updated)
        #expect(!updatedMissing)
        #expect(q[2] == "changed")
        #expect(q.entries == [1: "e1", 2: "changed"])
    }

    @Test func removeAllWhereKeepsTheOrderOfTheRest() {
        var q = queue(1...6)
        q.remove(2)
        #expect(q.removeAll(where: { ["e1", "e4", "e5"].contains($0) }) == ["e1", "e4", "e5"])
        #expect(q.oldest(10) == ["e3", "e6"])
        #expect(q.removeAll() == ["e3", "e6"])
        #expect(q.isEmpty)
    }

    @Test func tombstonesBehindAWaitingHeadAreCompacted() {
        var q = IdentifiedQueue<String>()
        q.append(0, "head")
        for id in UInt64(1)...10_000 {
            q.append(id, "e\(id)")
            q.remove(id)
        }
        #expect(q.order.count <= 2 * q.count + 65)
        q.append(20_000, "last")
        #expect(q.oldest(5) == ["head", "last"])
    }

    @Test func removingTheLastElementDropsAllTombstones() {
        var q = queue(1...100)
        for id in UInt64(2)...100 { q.remove(id) }
        q.remove(1)
        #expect(q.order.count == 0)
    }
}
