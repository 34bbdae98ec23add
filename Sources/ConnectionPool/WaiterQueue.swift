/// Queued check-outs in arrival order. Removal by id (cancellation, time-out) is O(1): the id stays in
/// the order ring as a tombstone and is skipped when it reaches the front.
struct WaiterQueue<Continuation: Sendable>: Sendable {
    struct Entry: Sendable {
        var holder: String
        /// The statement the check-out will run, recorded on its slot when it is served.
        var activity: String? = nil
        /// When the check-out started; the time-out counts from here.
        var requestedAt: Duration
        /// nil until the waiting task attaches it.
        var continuation: Continuation?
    }

    private var order = RingBuffer<UInt64>(capacity: 64)
    private(set) var entries: [UInt64: Entry] = [:]

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }

    mutating func append(_ id: UInt64, _ entry: Entry) {
        entries[id] = entry
        order.append(id)
    }

    /// Puts a check-out back at the front (it keeps its place after a failed pre-ping).
    mutating func prepend(_ id: UInt64, _ entry: Entry) {
        entries[id] = entry
        order.prepend(id)
    }

    /// The oldest live waiter, dropping tombstones in front of it.
    mutating func first() -> (id: UInt64, entry: Entry)? {
        while let id = order.first {
            if let entry = entries[id] { return (id, entry) }
            _ = order.popFirst()
        }
        return nil
    }

    mutating func popFirst() -> (id: UInt64, entry: Entry)? {
        guard let head = first() else { return nil }
        _ = order.popFirst()
        entries[head.id] = nil
        return head
    }

    @discardableResult
    mutating func remove(_ id: UInt64) -> Entry? {
        let entry = entries.removeValue(forKey: id)
        if entries.isEmpty { order = RingBuffer(capacity: 64) }
        return entry
    }

    mutating func attach(_ continuation: Continuation, to id: UInt64) -> Bool {
        guard entries[id] != nil else { return false }
        entries[id]!.continuation = continuation
        return true
    }

    /// Up to `limit` live waiters, oldest first.
    func oldest(_ limit: Int) -> [Entry] {
        var result: [Entry] = []
        var offset = 0
        while result.count < limit, offset < order.count {
            if let entry = entries[order[offset]] { result.append(entry) }
            offset += 1
        }
        return result
    }
}
