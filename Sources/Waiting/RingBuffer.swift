/// A growable double-ended queue on a power-of-two ring: O(1) push and pop at both ends, no shifting.
struct RingBuffer<Element: Sendable>: Sendable {
    private var storage: ContiguousArray<Element?>
    private var head = 0
    private(set) var count = 0

    init(capacity: Int = 16) {
        var size = 1
        while size < Swift.max(capacity, 2) { size <<= 1 }
        storage = ContiguousArray(repeating: nil, count: size)
    }

    var isEmpty: Bool { count == 0 }
    private var mask: Int { storage.count - 1 }

    /// The element `offset` places from the front.
    subscript(offset: Int) -> Element {
        get { storage[(head + offset) & mask]! }
        set { storage[(head + offset) & mask] = newValue }
    }

    var first: Element? { count == 0 ? nil : self[0] }
    var last: Element? { count == 0 ? nil : self[count - 1] }

    mutating func append(_ element: Element) {
        if count == storage.count { grow() }
        storage[(head + count) & mask] = element
        count += 1
    }

    mutating func prepend(_ element: Element) {
        if count == storage.count { grow() }
        head = (head - 1) & mask
        storage[head] = element
        count += 1
    }

    mutating func popFirst() -> Element? {
        guard count > 0 else { return nil }
        let element = storage[head]
        storage[head] = nil
        head = (head + 1) & mask
        count -= 1
        return element
    }

    mutating func popLast() -> Element? {
        guard count > 0 else { return nil }
        let index = (head + count - 1) & mask
        let element = storage[index]
        storage[index] = nil
        count -= 1
        return element
    }

    /// Removes the first element matching `predicate`, keeping the order of the rest; O(n).
    @discardableResult
    mutating func removeFirst(where predicate: (Element) -> Bool) -> Element? {
        guard let offset = (0..<count).first(where: { predicate(self[$0]) }) else { return nil }
        let removed = self[offset]
        for i in offset..<(count - 1) { self[i] = self[i + 1] }
        storage[(head + count - 1) & mask] = nil
        count -= 1
        return removed
    }

    /// The elements front to back.
    var elements: [Element] { (0..<count).map { self[$0] } }

    private mutating func grow() {
        var bigger = ContiguousArray<Element?>(repeating: nil, count: storage.count * 2)
        for i in 0..<count { bigger[i] = storage[(head + i) & mask] }
        storage = bigger
        head = 0
    }
}
