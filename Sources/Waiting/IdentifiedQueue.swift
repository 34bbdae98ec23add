/// Elements in first-in first-out order, each under an id its owner chooses (never reused), with O(1)
/// removal by id: a removed id stays in the order ring as a tombstone, skipped when it reaches the front;
/// the ring is compacted when tombstones outnumber the live elements. Not thread-safe: lives in its owner's lock.
public struct IdentifiedQueue<Element: Sendable>: Sendable {
    @usableFromInline var order: RingBuffer<UInt64>
    @usableFromInline var live: [UInt64: Element] = [:]

    @inlinable
    public init(capacity: Int = 16) {
        order = RingBuffer(capacity: capacity)
    }

    @inlinable public var count: Int { live.count }
    @inlinable public var isEmpty: Bool { live.isEmpty }
    /// The queued elements by id, in no order.
    @inlinable public var entries: [UInt64: Element] { live }
    @inlinable public subscript(id: UInt64) -> Element? { live[id] }

    @inlinable
    public mutating func append(_ id: UInt64, _ element: Element) {
        assert(live[id] == nil, "id \(id) is already queued")
        live[id] = element
        order.append(id)
    }

    /// Puts an element at the front: it is served before everything already queued.
    @inlinable
    public mutating func prepend(_ id: UInt64, _ element: Element) {
        assert(live[id] == nil, "id \(id) is already queued")
        live[id] = element
        order.prepend(id)
    }

    /// The oldest element, dropping the tombstones in front of it.
    @inlinable
    public mutating func first() -> (id: UInt64, element: Element)? {
        while let id = order.first {
            if let element = live[id] { return (id, element) }
            _ = order.popFirst()
        }
        return nil
    }

    @inlinable
    public mutating func popFirst() -> (id: UInt64, element: Element)? {
        while let id = order.popFirst() {
            if let element = live.removeValue(forKey: id) { return (id, element) }
        }
        return nil
    }

    /// The newest element, dropping the tombstones behind it.
    @inlinable
    public mutating func popLast() -> (id: UInt64, element: Element)? {
        while let id = order.popLast() {
            if let element = live.removeValue(forKey: id) { return (id, element) }
        }
        return nil
    }

    /// Takes the element out of the queue wherever it is; nil if it is not queued.
    @inlinable @discardableResult
    public mutating func remove(_ id: UInt64) -> Element? {
        guard let element = live.removeValue(forKey: id) else { return nil }
        if live.isEmpty {
            order.removeAll()
        } else if order.count > 2 * live.count + 64 {
            compact()
        }
        return element
    }

    /// Changes a queued element in place; false if `id` is not queued.
    @inlinable
    public mutating func update(_ id: UInt64, _ change: (inout Element) -> Void) -> Bool {
        guard let index = live.index(forKey: id) else { return false }
        change(&live.values[index])
        return true
    }

    /// Up to `limit` elements, oldest first.
    @inlinable
    public func oldest(_ limit: Int) -> [Element] {
        var result: [Element] = []
        var offset = 0
        while result.count < limit, offset < order.count {
            if let element = live[order[offset]] { result.append(element) }
            offset += 1
        }
        return result
    }

    /// Empties the queue; returns what it held, oldest first.
    @inlinable
    public mutating func removeAll() -> [Element] {
        var all: [Element] = []
        all.reserveCapacity(live.count)
        while let (_, element) = popFirst() { all.append(element) }
        return all
    }

    /// Takes out every element matching `predicate`; returns them oldest first, the rest keep their order.
    @inlinable
    public mutating func removeAll(where predicate: (Element) -> Bool) -> [Element] {
        var removed: [Element] = []
        var kept = RingBuffer<UInt64>(capacity: order.count)
        while let id = order.popFirst() {
            guard let element = live[id] else { continue }
            if predicate(element) {
                live[id] = nil
                removed.append(element)
            } else {
                kept.append(id)
            }
        }
        order = kept
        return removed
    }

    /// Drops every tombstone from the order ring.
    @inlinable
    mutating func compact() {
        _ = removeAll(where: { _ in false })
    }
}
