#if canImport(Glibc)
import Glibc
#endif
import CLinux
import Synchronization

/// The proxy's sockets and mode behind one lock, and the loop its thread runs: poll every socket the
/// mode lets through, then, under the lock, accept and carry bytes. A mode change bumps `generation`
/// and wakes the loop, which drops what the poll saw for the old sockets and polls the new set.
final class ProxyCore: Sendable {
    private struct State {
        var mode = ProxyMode.forward
        var listener: Int32
        var connections: [ProxiedConnection] = []
        var generation = 0
        /// The generation the loop polls now: everything an older one touched is released.
        var polled = -1
        var stopping = false
        var accepted = 0
    }

    private let state: Mutex<State>
    private let wake: Int32
    private let port: UInt16
    private let targetPort: UInt16
    private let end: ContinuousClock.Instant

    init(listener: Int32, port: UInt16, targetPort: UInt16, lifetime: Duration) throws(ProxyError) {
        wake = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        guard wake >= 0 else {
            close(listener)
            throw ProxyError("eventfd", errno)
        }
        state = Mutex(State(listener: listener))
        self.port = port
        self.targetPort = targetPort
        end = ContinuousClock.now + lifetime
    }

    var mode: ProxyMode { state.withLock { $0.mode } }
    var openConnections: Int { state.withLock { $0.connections.count } }
    var acceptedConnections: Int { state.withLock { $0.accepted } }

    func set(_ mode: ProxyMode) throws(ProxyError) {
        let generation = try state.withLock { state throws(ProxyError) -> Int in
            if state.stopping { return state.generation }
            if mode == .forward && state.listener < 0 {
                state.listener = try LoopbackSocket.listen(port: port).descriptor
            }
            if mode == .refuse && state.listener >= 0 {
                close(state.listener)
                state.listener = -1
            }
            state.mode = mode
            switch mode {
            case .cut:
                state.connections.forEach { $0.reset() }
            case .forward:
                for connection in state.connections where connection.upstream < 0 { connectUpstream(connection) }
            case .freeze, .blackHole, .refuse:
                break
            }
            state.connections.removeAll { $0.isClosed }
            state.generation += 1
            if !state.stopping { wakeLoop() }
            return state.generation
        }
        // Until the loop polls the new set, its old poll still holds the closed sockets open.
        let deadline = ContinuousClock.now + .seconds(2)
        while state.withLock({ $0.polled < generation && !$0.stopping }) && ContinuousClock.now < deadline {
            usleep(500)
        }
    }

    func requestStop() {
        state.withLock { state in
            if !state.stopping { wakeLoop() }
            state.stopping = true
        }
    }

    /// Polls until stopped or past the lifetime, then closes everything.
    func run() {
        while let (descriptors, generation) = pollSet() {
            var polled = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&polled, nfds_t(polled.count), 100)
            guard ready > 0 else { continue }
            state.withLock { state in
                guard state.generation == generation else { return }
                for entry in polled where entry.revents != 0 { handle(entry.fd, in: &state) }
                state.connections.removeAll { $0.isClosed }
            }
        }
        closeAll()
    }

    func closeAll() {
        state.withLock { state in
            state.connections.forEach { $0.close() }
            state.connections.removeAll()
            if state.listener >= 0 { close(state.listener) }
            state.listener = -1
            state.stopping = true
        }
        close(wake)
    }

    /// The sockets to poll in this mode and the generation they belong to; nil once stopping.
    private func pollSet() -> ([Int32], Int)? {
        state.withLock { state -> ([Int32], Int)? in
            if state.stopping || ContinuousClock.now >= end { return nil }
            state.polled = state.generation
            var descriptors = [wake]
            if state.listener >= 0 { descriptors.append(state.listener) }
            if state.mode == .forward || state.mode == .refuse {
                for connection in state.connections {
                    descriptors.append(connection.client)
                    if connection.upstream >= 0 { descriptors.append(connection.upstream) }
                }
            }
            return (descriptors, state.generation)
        }
    }

    private func handle(_ descriptor: Int32, in state: inout State) {
        if descriptor == wake {
            var count: UInt64 = 0
            _ = read(wake, &count, 8)
        } else if descriptor == state.listener {
            accept(in: &state)
        } else if let connection = state.connections.first(where: { $0.client == descriptor || $0.upstream == descriptor }),
                  !connection.isClosed, !connection.carry(from: descriptor) {
            connection.close()
        }
    }

    private func accept(in state: inout State) {
        let client = Glibc.accept(state.listener, nil, nil)
        guard client >= 0 else { return }
        _ = fcntl(client, F_SETFD, FD_CLOEXEC)
        state.accepted += 1
        let connection = ProxiedConnection(client: client)
        switch state.mode {
        case .cut:
            connection.reset()
            return
        case .forward, .freeze, .refuse:
            connectUpstream(connection)
        case .blackHole:
            break
        }
        if !connection.isClosed { state.connections.append(connection) }
    }

    /// Connects to the target; closes the client when the target refuses (as a dead server would).
    private func connectUpstream(_ connection: ProxiedConnection) {
        if let upstream = LoopbackSocket.connect(port: targetPort) {
            connection.upstream = upstream
        } else {
            connection.close()
        }
    }

    /// Call under the lock while not stopping: `closeAll` closes the eventfd once stopping.
    private func wakeLoop() {
        var one: UInt64 = 1
        _ = write(wake, &one, 8)
    }
}
