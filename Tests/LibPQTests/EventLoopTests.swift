#if canImport(Glibc)
import Glibc
#endif
@testable import LibPQ
import Testing

/// Serialized: one test pins the loop threads to chosen CPUs for a moment, which changes which
/// thread handles another test's results.
@Suite(.serialized) struct EventLoopTests {
    /// A server that accepts TCP connections (the kernel completes them into the backlog) and never
    /// says a word: libpq sends its first packet and waits for an answer that never comes.
    private final class SilentListener {
        let descriptor: Int32
        let port: Int

        init() throws {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            try #require(descriptor >= 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let listening = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                    bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
                        && listen(descriptor, 8) == 0
                }
            }
            if !listening { close(descriptor) }
            try #require(listening)
            self.descriptor = descriptor
            port = Int(UInt16(bigEndian: address.sin_port))
        }

        deinit { close(descriptor) }
    }

    @Test func handshakeSleepsUntilTheServerAnswersInsteadOfSpinning() async throws {
        let listener = try SilentListener()
        let target = try ConnectionTarget("host=127.0.0.1 port=\(listener.port) dbname=x user=x sslmode=disable")
        let probe = HandshakeProbe()
        await #expect {
            _ = try await ConnectionHandshake.connect(to: target, timeout: .milliseconds(300), applicationName: "test", probe: probe)
        } throws: { error in
            (error as? PostgresError)?.kind == .timedOut
        }
        // One wait for the TCP connect, one for the answer to the startup packet. A watch that
        // started "ready" made every wait return at once: thousands of polls in 300 ms.
        #expect(probe.waits.load(ordering: .relaxed) <= 3)
    }

    @Test func followingExecutorRunsTheTaskOnTheLoopThatResumedIt() async throws {
        let connection = try await connectToTestServer()
        defer { connection.close() }
        let pairs = try await Task(executorPreference: PostgresConnection.followingEventLoopExecutor) {
            var after: [(ran: Int?, watching: Int)] = []
            for _ in 0..<5 {
                _ = try await connection.query("SELECT 1")
                after.append((EventLoop.current?.index, connection.loopIndex))
            }
            return after
        }.value
        // Every result resumes the task on the loop watching the connection at that moment, whichever
        // loop the task started on. The pair is read together: a connection to a server on this host
        // may move to the loop on its server process's CPU between two statements.
        for pair in pairs { #expect(pair.ran == pair.watching) }
    }

    @Test func connectionsOpenedOneAfterAnotherSpreadOverTheLoops() async throws {
        try #require(EventLoop.group.count >= 2)
        // As a pool opens them: one after another from a task that follows its connections, each
        // queried at once. Each lives on the least loaded loop.
        let indices = try await Task(executorPreference: PostgresConnection.followingEventLoopExecutor) {
            var connections: [PostgresConnection] = []
            defer { connections.forEach { $0.close() } }
            for _ in 0..<(EventLoop.group.count * 4) {
                let connection = try await connectToTestServer()
                connections.append(connection)
                _ = try await connection.query("SELECT 1")
            }
            return connections.map(\.loopIndex)
        }.value
        let perLoop = Dictionary(grouping: indices, by: { $0 }).mapValues(\.count)
        // Other tests open connections meanwhile, so not an exact split: but every loop takes some.
        #expect(perLoop.count == EventLoop.group.count, "connections per loop: \(perLoop)")
    }

    @Test func followingTasksSpreadOverTheLoops() async throws {
        try #require(EventLoop.group.count >= 2)
        // Enqueued from outside the loops, new tasks go round robin (a counter other tests advance
        // too, so take enough tasks that they cannot all land on one loop by chance).
        var seen = Set<Int>()
        for _ in 0..<(EventLoop.group.count * 8) {
            let index = await Task(executorPreference: PostgresConnection.followingEventLoopExecutor) {
                EventLoop.current?.index
            }.value
            if let index { seen.insert(index) }
        }
        #expect(seen.count >= 2)
    }

    /// Over TCP to 127.0.0.1 (SO_INCOMING_CPU) and over the Unix socket (the server process's
    /// /proc entry).
    @Test(arguments: [true, false])
    func aConnectionToThisHostIsHandledByTheLoopOnItsServerProcessCPU(overTCP: Bool) async throws {
        let cpus = CPUAffinity.allowed()
        try #require(cpus.count >= 2 && EventLoop.group.count >= 2, "needs two CPUs and two loops")
        let (near, far) = (cpus[0], cpus[1])
        let server = try await testServer()
        let connection = try await PostgresConnection.connect(to: ConnectionTarget(overTCP ? server.url : server.conninfo))
        defer { connection.close() }
        #expect(connection.followsServer)
        let home = connection.loopIndex
        let away = (home + 1) % EventLoop.group.count
        // Only `away` runs on `far`; every other loop (home among them) runs on `near`.
        for loop in EventLoop.group {
            try await pin(loop, to: loop.index == away ? far : near)
        }
        do {
            // The server process answers from `far`: within a few checks its socket is `away`'s.
            try #require(CPUAffinity.restrict(connection.backendPID, to: [far]) == nil)
            for _ in 0..<(3 * QuerySession.followInterval) { _ = try await connection.query("SELECT 1") }
            #expect(connection.loopIndex == away)
            // And back when the scheduler moves the server process.
            try #require(CPUAffinity.restrict(connection.backendPID, to: [near]) == nil)
            for _ in 0..<(3 * QuerySession.followInterval) { _ = try await connection.query("SELECT 1") }
            #expect(EventLoop.group[connection.loopIndex].lastCPU == near)
        } catch {
            for loop in EventLoop.group { try await pin(loop, to: cpus) }
            throw error
        }
        for loop in EventLoop.group { try await pin(loop, to: cpus) }
    }

    /// Restricts `loop`'s thread to `cpus` (from a job on that thread) and waits for the loop to
    /// turn there, so its `lastCPU` is one of them.
    private func pin(_ loop: EventLoop, to cpus: Int...) async throws {
        try await pin(loop, to: cpus)
    }

    private func pin(_ loop: EventLoop, to cpus: [Int]) async throws {
        let failure = await Task(executorPreference: loop) { CPUAffinity.restrict(0, to: cpus) }.value
        try #require(failure == nil, "sched_setaffinity failed with errno \(failure ?? 0)")
        // A job queued now runs after the loop's next turn, which records where it ran.
        await Task(executorPreference: loop) {}.value
        try #require(cpus.contains(loop.lastCPU))
    }
}
