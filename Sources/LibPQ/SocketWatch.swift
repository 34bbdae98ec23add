#if canImport(Glibc)
import Glibc
#endif
import CLinux
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
        var pending: Bool
        var interrupted = false
        var waiter: Waiter?
    }

    /// What a party wanting to park should do instead, decided under the lock.
    enum ParkOutcome {
        case parked, eventPending, interrupted
    }

    let descriptor: Int32
    private let state: Mutex<State>
    /// Index in `EventLoop.group` of the loop watching the socket. Changed only by
    /// `followCurrentLoop` and `follow(serverCPU:)`, which the querying task calls between queries
    /// (no other party touches the registration then).
    private let loopIndex: Atomic<Int>
    private var loop: EventLoop { EventLoop.group[loopIndex.load(ordering: .relaxed)] }
    /// The index of the loop watching the socket now.
    var currentLoopIndex: Int { loopIndex.load(ordering: .relaxed) }

    /// `assumeReady`: the first park reads before sleeping (a connection's socket may hold data from
    /// the handshake that no edge will announce). False for a one-shot wait that must sleep until the
    /// socket is ready (the handshake: a first park that returned at once made it spin on `EAGAIN`
    /// until the server answered).
    init(descriptor: Int32, loop: EventLoop, assumeReady: Bool) {
        self.descriptor = descriptor
        self.state = Mutex(State(pending: assumeReady))
        self.loopIndex = Atomic(loop.index)
    }

    static let readableEdge = EPOLLIN.rawValue | EPOLLRDHUP.rawValue | EPOLLET.rawValue
    static let readableOrWritableEdge = readableEdge | EPOLLOUT.rawValue

    /// Registers with the loop; returns errno when epoll refuses.
    func register(events: UInt32) -> Int32? {
        loop.register(self, events: events)
    }

    /// Moves the registration to the loop whose thread runs the caller (when it is a loop thread and
    /// not the one watching already), so the next query's completion is handled on the thread its
    /// task runs on: no cross-thread hand-off, no eventfd wake. It moves only when that evens out the
    /// loops (the caller's watches at least two sockets fewer), so connections stay spread however
    /// tasks use them; a task that follows its connections runs where the socket is anyway. Call
    /// only while the connection is idle between queries and registered for `readableEdge`, with the
    /// query slot held. An event the old loop already took from epoll may still be handled there: it
    /// only sets `pending`, which costs a spurious read at worst; a readiness that comes during the
    /// move is reported again by the ADD.
    func followCurrentLoop() {
        guard let target = EventLoop.current, target !== loop, target.watchCount + 1 < loop.watchCount else { return }
        move(to: target)
    }

    /// For a connection to a server on this host: moves the registration to a loop whose thread runs
    /// on `serverCPU`, the CPU the server process last ran on, unless the loop watching it runs
    /// there already or no loop does. Same conditions as `followCurrentLoop`.
    ///
    /// Such a server shares our CPUs. A loop that sends to a server process on another CPU pays a
    /// cross-CPU wake-up per message both ways (an interprocessor interrupt; in a virtual machine,
    /// an exit), with cold caches on both sides; handled on the server's CPU, a query's send and
    /// answer stay on one CPU, which the scheduler then keeps (it wakes a process on its waker's
    /// CPU when it can). Measured on 2 CPUs (W1): the scheduler had kept backends on the other
    /// loop's CPU for whole runs (0.6–0.8x pgbench); following them, 1.0x.
    func follow(serverCPU: Int) {
        let source = loop
        guard source.lastCPU != serverCPU, let target = EventLoop.running(on: serverCPU), target !== source else { return }
        move(to: target)
    }

    /// Hands the registration to `target`. Added to the new loop first (a socket may sit in two
    /// epoll sets for a moment; `handle` is safe from both), so a refused ADD leaves the old
    /// registration as it was.
    private func move(to target: EventLoop) {
        guard target.register(self, events: Self.readableEdge) == nil else { return }
        let source = loop
        loopIndex.store(target.index, ordering: .relaxed)
        source.detach(self)
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

    /// Called on the thread of loop `handler` for each event on this socket. Only the loop watching
    /// the socket now resumes the waiter, so a task that follows its connection runs where the
    /// socket is. Another loop can only hold an event it took from epoll before a move (see
    /// `move(to:)`): it marks the socket pending and leaves the waiter to the new loop, which the
    /// same readiness reached too (the ADD reports readiness that came before it, and readiness that
    /// comes after reaches both sets). Moves happen between queries, when nobody is parked.
    func handle(events: UInt32, on handler: Int) {
        let waiter = state.withLock { state -> Waiter? in
            // Read under the lock: a waiter parked after a move is seen with the move's index.
            if handler == loopIndex.load(ordering: .relaxed), let waiter = state.waiter.take() { return waiter }
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
