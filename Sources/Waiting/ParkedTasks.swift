/// Tasks parked by `Mutex.park(in:tag:ifCancelled:unless:)`, oldest first: the registry a `Mutex` owner
/// embeds in its state. Every continuation it hands back must be resumed once, outside the lock.
/// `Tag` is what the owner keeps about each parked task (a deadline, say; `Void` for nothing).
public struct ParkedTasks<Value: Sendable, Tag: Sendable>: Sendable {
    public typealias Continuation = CheckedContinuation<Value, Never>

    @usableFromInline
    struct Parked: Sendable {
        @usableFromInline var continuation: Continuation
        @usableFromInline var tag: Tag

        @inlinable init(continuation: Continuation, tag: Tag) {
            self.continuation = continuation
            self.tag = tag
        }
    }

    @usableFromInline var queue = IdentifiedQueue<Parked>()
    @usableFromInline var lastID: UInt64 = 0

    @inlinable public init() {}

    @inlinable public var count: Int { queue.count }
    @inlinable public var isEmpty: Bool { queue.isEmpty }

    /// The oldest parked task, taken out of the registry.
    @inlinable
    public mutating func popFirst() -> Continuation? {
        queue.popFirst()?.element.continuation
    }

    /// Every parked task, oldest first, taken out of the registry.
    @inlinable
    public mutating func removeAll() -> [Continuation] {
        queue.removeAll().map(\.continuation)
    }

    /// The parked tasks whose tag matches `predicate`, oldest first, taken out of the registry.
    @inlinable
    public mutating func removeAll(where predicate: (Tag) -> Bool) -> [Continuation] {
        queue.removeAll(where: { predicate($0.tag) }).map(\.continuation)
    }

    // MARK: For `Mutex.park`

    @inlinable
    mutating func takeID() -> UInt64 {
        lastID += 1
        return lastID
    }

    @inlinable
    mutating func park(_ id: UInt64, _ continuation: Continuation, tag: Tag) {
        queue.append(id, Parked(continuation: continuation, tag: tag))
    }

    @inlinable
    mutating func unpark(_ id: UInt64) -> Continuation? {
        queue.remove(id)?.continuation
    }
}
