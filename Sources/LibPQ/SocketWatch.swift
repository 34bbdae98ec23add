#if canImport(Glibc)
import Glibc
#endif
import CLibPQ
import Synchronization

/// One epoll registration of one socket, and the one party waiting on it: a suspended task, or a
/// query whose results the loop thread reads and collects itself (saving a thread hop).
///
/// Readiness is edge-triggered for a connection's life, so a query costs no epoll_ctl: an edge that
/// comes when nobody waits sets `pending`, and whoever parks next reads first instead of sleeping.
final class SocketWatch: Sendable {
    enum Waiter: Sendable {
        /// Resume this task on the next event.
        case task(UnsafeContinuation<Void, Never>)
        /// On the next event the loop thread reads input and collects this query's results.
        case collect(QuerySession)
    }

    private struct State {
        var pending = true
        var interrupted = false
        var waiter: Waiter?
    }

    /// What a party wanting to park should do instead, decided under the lock.
    enum ParkOutcome {
        case parked, eventPending, interrupted
    }

    let descriptor: Int32
    private let state = Mutex(State())
    private let loop: EventLoop

    init(descriptor: Int32, loop: EventLoop = .next()) {
        self.descriptor = descriptor
        self.loop = loop
    }

    static let readableEdge = EPOLLIN.rawValue | EPOLLRDHUP.rawValue | EPOLLET.rawValue
    static let readableOrWritableEdge = readableEdge | EPOLLOUT.rawValue

    /// Registers with the loop; returns errno when epoll refuses.
    func register(events: UInt32) -> Int32? {
        loop.register(self, events: events)
    }

    func modify(events: UInt32) {
        loop.modify(self, events: events)
    }

    /// Ends the registration; `descriptorOpen` is false when libpq closed the socket already.
    func deregister(descriptorOpen: Bool) {
        loop.deregister(self, descriptorOpen: descriptorOpen)
    }

    /// Parks `waiter` unless an event is pending (which this consumes) or the watch was interrupted.
    func park(_ waiter: Waiter) -> ParkOutcome {
        state.withLock { state in
            if state.interrupted { return .interrupted }
            if state.pending {
                state.pending = false
                return .eventPending
            }
            state.waiter = waiter
            return .parked
        }
    }

    /// Suspends until the socket reports an event (or one is pending), or until `interrupt()`.
    /// Returns false when interrupted.
    func waitForEvent() async -> Bool {
        var outcome = ParkOutcome.parked
        await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
            outcome = park(.task(continuation))
            if outcome != .parked { continuation.resume() }
        }
        if outcome == .interrupted { return false }
        return state.withLock { !$0.interrupted }
    }

    /// Wakes whoever waits and makes every later wait return at once (closing, timing out).
    func interrupt() {
        let waiter = state.withLock { state -> Waiter? in
            state.interrupted = true
            return state.waiter.take()
        }
        switch waiter {
        case .task(let continuation): continuation.resume()
        case .collect(let session): session.failInterrupted()
        case nil: break
        }
    }

    /// Called on the loop thread for each event on this socket.
    func handle(events: UInt32) {
        let waiter = state.withLock { state -> Waiter? in
            if let waiter = state.waiter.take() { return waiter }
            state.pending = true
            return nil
        }
        switch waiter {
        case .task(let continuation): continuation.resume()
        case .collect(let session): session.collect(reading: true)
        case nil: break
        }
    }
}
