/// Suspended tasks in arrival order, each resumed exactly once with a value. Not thread-safe: lives inside a `Mutex`.
struct WaiterQueue<Value: Sendable> {
    private var order: [UInt64] = []
    private var head = 0
    private var continuations: [UInt64: CheckedContinuation<Value, Never>] = [:]

    var count: Int { continuations.count }
    var isEmpty: Bool { continuations.isEmpty }

    mutating func append(_ id: UInt64, _ continuation: CheckedContinuation<Value, Never>) {
        order.append(id)
        continuations[id] = continuation
    }

    /// Removes a waiter (cancelled); nil if it was already resumed.
    mutating func remove(_ id: UInt64) -> CheckedContinuation<Value, Never>? {
        continuations.removeValue(forKey: id)
    }

    /// The oldest waiter still waiting.
    mutating func popFirst() -> CheckedContinuation<Value, Never>? {
        while head < order.count {
            let id = order[head]
            head += 1
            if let continuation = continuations.removeValue(forKey: id) {
                compactIfNeeded()
                return continuation
            }
        }
        compactIfNeeded()
        return nil
    }

    mutating func removeAll() -> [CheckedContinuation<Value, Never>] {
        var all: [CheckedContinuation<Value, Never>] = []
        all.reserveCapacity(continuations.count)
        for id in order[head...] {
            if let continuation = continuations.removeValue(forKey: id) { all.append(continuation) }
        }
        order.removeAll(keepingCapacity: true)
        head = 0
        return all
    }

    private mutating func compactIfNeeded() {
        if head == order.count {
            order.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 1024 && head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
    }
}
