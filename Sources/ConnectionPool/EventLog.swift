/// The bounded ring of recent `PoolEvent`s; sequence numbers start at 1 and never repeat.
struct EventLog: Sendable {
    let capacity: Int
    private var ring: RingBuffer<PoolEvent>
    /// Sequence number of the newest event (0 before the first).
    private(set) var lastSequence: UInt64 = 0

    init(capacity: Int = 1024) {
        self.capacity = capacity
        ring = RingBuffer(capacity: capacity)
    }

    mutating func append(at: Duration, _ kind: PoolEvent.Kind) {
        lastSequence += 1
        if ring.count == capacity { _ = ring.popFirst() }
        ring.append(PoolEvent(sequence: lastSequence, at: at, kind: kind))
    }

    /// Events newer than `sequence`, oldest first, among those still kept.
    func events(after sequence: UInt64) -> [PoolEvent] {
        guard sequence < lastSequence, ring.count > 0 else { return [] }
        let firstKept = ring[0].sequence
        let start = sequence < firstKept ? 0 : Int(sequence - firstKept + 1)
        return (start..<ring.count).map { ring[$0] }
    }
}
