/// The bounded ring of recent `PoolEvent`s; sequence numbers start at 1 and never repeat. Appending
/// overwrites the oldest slot in place (no shifting, no allocation once full). A second ring of the same size keeps
/// the notable events alone (not `isRoutine`), so a reader that looks once a second (a recording) misses none of
/// them even when check-outs and check-ins fill the first ring many times over in between.
struct EventLog: Sendable {
    let capacity: Int
    private var ring: ContiguousArray<PoolEvent> = []
    private var notable: ContiguousArray<PoolEvent> = []
    /// Notable events appended so far (the next one's place in `notable` is this modulo `capacity`).
    private var notableCount = 0
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
        guard !event.isRoutine else { return }
        if notable.count < capacity {
            notable.append(event)
        } else {
            notable[notableCount % capacity] = event
        }
        notableCount += 1
    }

    /// The notable events newer than `sequence`, oldest first, among those still kept.
    func notableEvents(after sequence: UInt64) -> [PoolEvent] {
        let kept = notable.count
        var events: [PoolEvent] = []
        for offset in 0..<kept {
            let event = notable[(notableCount - kept + offset) % capacity]
            if event.sequence > sequence { events.append(event) }
        }
        return events
    }

    /// Events newer than `sequence`, oldest first, among those still kept.
    func events(after sequence: UInt64) -> [PoolEvent] {
        let firstKept = lastSequence - UInt64(ring.count) + 1
        let from = Swift.max(sequence + 1, firstKept)
        guard from <= lastSequence else { return [] }
        return (from...lastSequence).map { ring[Int(($0 - 1) % UInt64(capacity))] }
    }
}
