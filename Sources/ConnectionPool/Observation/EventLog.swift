/// The bounded ring of recent `PoolEvent`s; sequence numbers start at 1 and never repeat. Appending
/// overwrites the oldest slot in place (no shifting, no allocation once full).
struct EventLog: Sendable {
    let capacity: Int
    private var ring: ContiguousArray<PoolEvent> = []
    /// Sequence number of the newest event (0 before the first).
    private(set) var lastSequence: UInt64 = 0

    init(capacity: Int = 1024) {
        self.capacity = Swift.max(1, capacity)
        ring.reserveCapacity(self.capacity)
    }

    mutating func append(at: Duration, _ kind: PoolEvent.Kind) {
        lastSequence += 1
        let event = PoolEvent(sequence: lastSequence, at: at, kind: kind)
        if ring.count < capacity {
            ring.append(event)
        } else {
            ring[Int((lastSequence - 1) % UInt64(capacity))] = event
        }
    }

    /// Events newer than `sequence`, oldest first, among those still kept.
    func events(after sequence: UInt64) -> [PoolEvent] {
        let firstKept = lastSequence - UInt64(ring.count) + 1
        let from = Swift.max(sequence + 1, firstKept)
        guard from <= lastSequence else { return [] }
        return (from...lastSequence).map { ring[Int(($0 - 1) % UInt64(capacity))] }
    }
}
