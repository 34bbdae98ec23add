import CLibPQ
import CLinux
import Synchronization

/// The libpq connection and the state of the query running on it.
///
/// `@unchecked Sendable` invariant: one party at a time touches `connection`, `collector` and
/// `continuation`. The querying task owns them (it holds the connection's query slot) until it parks
/// `.collect(self)` on the watch; from then the loop thread (or an interrupter) owns them until it
/// resumes `continuation`, which hands them back. Nobody touches them after `close` finishes.
final class QuerySession: @unchecked Sendable {
    let connection: OpaquePointer
    let watch: SocketWatch
    /// Bumped when a query starts and on each read while it runs: the dead-link watch compares it
    /// between looks to tell a silent link (see `LinkWatchdog`).
    let traffic = Atomic<UInt64>(0)
    /// Why the waiting query is being interrupted, when not an ordinary close.
    private let interruption = Mutex<PostgresError?>(nil)
    private var collector = ResultCollector()
    private var continuation: UnsafeContinuation<ResultCollector.Collected, Never>?
    /// Where the server process runs, when it shares our CPUs.
    private var server: ServerLocation
    /// Statements since the socket last followed the server process.
    private var sinceFollowed = 0
    /// How many statements apart the socket follows a server process on this host: often enough to
    /// keep up with the scheduler within milliseconds under load, rarely enough that the system call
    /// costs nothing per query.
    static let followInterval = 16

    init(connection: OpaquePointer, watch: SocketWatch, server: consuming ServerLocation) {
        self.connection = connection
        self.watch = watch
        self.server = server
    }

    /// True when the socket follows the server process's CPU rather than the tasks that query it.
    /// Read only by the task holding the query slot (or while no query runs).
    var followsServer: Bool { server.isOnThisHost }

    /// Sends one statement (or, without parameters, a string of them) and waits for all its results, collected
    /// as `mode` says. Caller holds the query slot.
    nonisolated(nonsending) func run(_ sql: String, _ parameters: [String?], mode: ResultCollector.Mode) async -> ResultCollector.Collected {
        collector.mode = mode
        traffic.wrappingAdd(1, ordering: .relaxed)
        if server.isOnThisHost {
            sinceFollowed += 1
            if sinceFollowed >= Self.followInterval {
                sinceFollowed = 0
                if let cpu = server.cpu() { watch.follow(serverCPU: cpu) }
            }
        } else {
            watch.followCurrentLoop()
        }
        // withCString, not the implicit String-to-pointer conversion: that copies a small string
        // (up to 15 bytes, "SELECT 1") into a fresh heap array per call; this uses the stack.
        let sent = sql.withCString { text -> Int32 in
            if parameters.isEmpty { return PQsendQuery(connection, text) }
            return withCStringArray(parameters) { values in
                PQsendQueryParams(connection, text, Int32(parameters.count), nil, values, nil, nil, 0)
            }
        }
        if sent == 0 {
            let kind: PostgresError.Kind = PQstatus(connection) == CONNECTION_BAD ? .connectionLost : .queryFailed
            return collector.failing(with: PostgresError(kind: kind, connection: connection))
        }
        var flushed = PQflush(connection)
        while flushed == 1 {
            // The server may block on us while we block on it: read while waiting to write.
            watch.modify(events: SocketWatch.readableOrWritableEdge)
            let woken = await watch.waitForEvent()
            watch.modify(events: SocketWatch.readableEdge)
            if !woken { return collector.failing(with: interruptionError) }
            traffic.wrappingAdd(1, ordering: .relaxed)
            if PQconsumeInput(connection) == 0 { break }
            flushed = PQflush(connection)
        }
        return await withUnsafeContinuation { continuation in
            self.continuation = continuation
            collect(reading: false)
        }
    }

    /// Reads (when `reading`) and collects results; resumes the query when complete, otherwise
    /// parks itself on the watch. After parking it must not touch `self` again: the loop owns it.
    func collect(reading: Bool) {
        var reading = reading
        while true {
            if reading { traffic.wrappingAdd(1, ordering: .relaxed) }
            if reading && PQconsumeInput(connection) == 0 && PQsocket(connection) < 0 {
                collector.drainAfterLoss(connection)
                complete()
                return
            }
            if collector.drain(connection) {
                complete()
                return
            }
            // One read may leave data behind (libpq reads what fits); edges only announce new data.
            if reading && pooltop_socket_readable(watch.descriptor) != 0 { continue }
            switch watch.park(.collect(self)) {
            case .parked: return
            case .eventPending: reading = true
            case .interrupted:
                failInterrupted()
                return
            }
        }
    }

    /// Ends the waiting query with an error because the connection is being closed.
    func failInterrupted() {
        resume(with: collector.failing(with: interruptionError))
    }

    /// Interrupts the running query, which then fails with `reason`.
    func interrupt(reason: PostgresError) {
        interruption.withLock { $0 = reason }
        watch.interrupt()
    }

    private var interruptionError: PostgresError {
        interruption.withLock { $0 } ?? Self.closedError
    }

    private func complete() {
        resume(with: collector.finish(connection))
    }

    private func resume(with outcome: ResultCollector.Collected) {
        let waiting = continuation
        continuation = nil
        waiting?.resume(returning: outcome)
    }

    static let closedError = PostgresError(kind: .connectionLost, message: "the connection was closed while a query was running")
}

/// Calls `body` with C strings for each value (NULL for nil), in one allocation.
private func withCStringArray<R>(_ values: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    var total = 0
    for value in values { total += (value?.utf8.count ?? 0) + 1 }
    let storage = UnsafeMutablePointer<CChar>.allocate(capacity: total)
    let pointers = UnsafeMutablePointer<UnsafePointer<CChar>?>.allocate(capacity: values.count)
    defer {
        storage.deallocate()
        pointers.deallocate()
    }
    var offset = 0
    for (index, value) in values.enumerated() {
        guard let value else {
            pointers[index] = nil
            continue
        }
        let start = storage + offset
        for byte in value.utf8 {
            storage[offset] = CChar(bitPattern: byte)
            offset += 1
        }
        storage[offset] = 0
        offset += 1
        pointers[index] = UnsafePointer(start)
    }
    return body(pointers)
}
