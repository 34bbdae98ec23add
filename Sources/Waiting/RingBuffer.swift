/// A growable double-ended queue on a power-of-two ring: O(1) push and pop at both ends, no shifting.
public struct RingBuffer<Element: Sendable>: Sendable {
    @usableFromInline var storage: ContiguousArray<Element?>
    @usableFromInline var head = 0
    @usableFromInline var stored = 0

    @inlinable
    public init(capacity: Int = 16) {
        var size = 1
        while size < Swift.max(capacity, 2) { size <<= 1 }
        storage = ContiguousArray(repeating: nil, count: size)
    }

    @inlinable public var count: Int { stored }
    @inlinable public var isEmpty: Bool { stored == 0 }
    @inlinable var mask: Int { storage.count - 1 }

    /// The element `offset` places from the front.
    @inlinable
    public subscript(offset: Int) -> Element {
        get { storage[(head + offset) & mask]! }
        set { storage[(head + offset) & mask] = newValue }
    }

    @inlinable public var first: Element? { stored == 0 ? nil : self[0] }
    @inlinable public var last: Element? { stored == 0 ? nil : self[stored - 1] }

    @inlinable
    public mutating func append(_ element: Element) {
        if stored == storage.count { grow() }
        storage[(head + stored) & mask] = element
        stored += 1
    }

    @inlinable
    public mutating func prepend(_ element: Element) {
        if stored == storage.count { grow() }
        head = (head - 1) & mask
        storage[head] = element
        stored += 1
    }

    @inlinable
    public mutating func popFirst() -> Element? {
        guard stored > 0 else { return nil }
        let element = storage[head]
        storage[head] = nil
        head = (head + 1) & mask
        stored -= 1
        return element
    }

    @inlinable
    public mutating func popLast() -> Element? {
        guard stored > 0 else { return nil }
        let index = (head + stored - 1) & mask
        let element = storage[index]
        storage[index] = nil
        stored -= 1
        return element
    }

    /// Removes the first element matching `predicate`, keeping the order of the rest; O(n).
    @inlinable @discardableResult
    public mutating func removeFirst(where predicate: (Element) -> Bool) -> Element? {
        guard let offset = (0..<stored).first(where: { predicate(self[$0]) }) else { return nil }
        let removed = self[offset]
        for i in offset..<(stored - 1) { self[i] = self[i + 1] }
        storage[(head + stored - 1) & mask] = nil
        stored -= 1
        return removed
    }

    /// Empties the ring, keeping its storage.
    @inlinable
    public mutating func removeAll() {
        while stored > 0 { _ = popFirst() }
        head = 0
    }

    /// The elements front to back.
    @inlinable public var elements: [Element] { (0..<stored).map { self[$0] } }

    @inlinable
    mutating func grow() {
        var bigger = ContiguousArray<Element?>(repeating: nil, count: storage.count * 2)
        for i in 0..<stored { bigger[i] = storage[(head + i) & mask] }
        storage = bigger
        head = 0
    }
}
