import Testing
import Waiting

@Suite struct RingBufferTests {
    @Test func pushesAndPopsAtBothEndsAcrossGrowth() {
        var ring = RingBuffer<Int>(capacity: 2)
        for i in 1...5 { ring.append(i) }
        ring.prepend(0)
        #expect(ring.elements == [0, 1, 2, 3, 4, 5])
        #expect(ring.popFirst() == 0)
        #expect(ring.popLast() == 5)
        #expect(ring.first == 1)
        #expect(ring.last == 4)
        #expect(ring.count == 4)
    }

    @Test func removeFirstWhereKeepsTheOrderOfTheRest() {
        var ring = RingBuffer<Int>()
        for i in [3, 1, 4, 1, 5] { ring.append(i) }
        #expect(ring.removeFirst(where: { $0 == 1 }) == 1)
        #expect(ring.elements == [3, 4, 1, 5])
        #expect(ring.removeFirst(where: { $0 == 9 }) == nil)
    }

    @Test func removeAllEmptiesAndTheRingStaysUsable() {
        var ring = RingBuffer<Int>(capacity: 4)
        for i in 0..<3 { ring.append(i) }
        ring.removeAll()
        #expect(ring.isEmpty)
        #expect(ring.popFirst() == nil)
        ring.append(7)
        #expect(ring.elements == [7])
    }
}
