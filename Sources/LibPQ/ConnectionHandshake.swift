#if canImport(Glibc)
import Glibc
#endif
import CLibPQ
import CLinux
import Synchronization

/// Opens a libpq connection without blocking a thread: PQconnectStartParams, then PQconnectPoll
/// each time the socket is ready, re-reading PQsocket after every poll (libpq may replace it).
enum ConnectionHandshake {
    /// Every wait is watched by `loop`, the loop the connection will live on; `timeout` bounds them all.
    /// `LinkSettings` fills in the TCP settings the target leaves out.
    /// A server's refusal keeps its SQLSTATE (53300 when it is full, 57P03 while it starts or stops).
    static func connect(
        to target: ConnectionTarget, timeout: Duration, applicationName: String, loop: EventLoop = .leastLoaded(),
        probe: HandshakeProbe? = nil
    ) async throws(PostgresError) -> OpaquePointer {
        let connection = start(target, applicationName: applicationName)
        guard let connection, PQstatus(connection) != CONNECTION_BAD else {
            let error = failure(connection, target)
            PQfinish(connection)
            throw error
        }
        // From the first byte on: libpq's default notice processor writes to stderr, which would land
        // on the user's screen (a server shutting down sends FATAL notices to its sessions).
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        // Verbose until the session is up, so that a server's refusal carries its SQLSTATE (see HandshakeErrorText).
        PQsetErrorVerbosity(connection, PQERRORS_VERBOSE)
        let deadline = Deadline()
        let timer = Task {
            try? await Task.sleep(for: timeout)
            deadline.expire()
        }
        defer { timer.cancel() }
        // A cancelled connect (a pool shutting down) ends as a timed-out one, at once.
        let outcome = await withTaskCancellationHandler { () async -> Result<OpaquePointer, PostgresError> in
            do throws(PostgresError) {
                return .success(try await poll(connection, target: target, timeout: timeout, deadline: deadline, loop: loop, probe: probe))
            } catch {
                return .failure(error)
            }
        } onCancel: {
            deadline.expire()
        }
        return try outcome.get()
    }

    /// PQconnectPoll until the session is up or failed, each wait guarded by `deadline`.
    private static func poll(
        _ connection: OpaquePointer, target: ConnectionTarget, timeout: Duration, deadline: Deadline, loop: EventLoop,
        probe: HandshakeProbe?
    ) async throws(PostgresError) -> OpaquePointer {

        var status = PGRES_POLLING_WRITING
        while true {
            switch status {
            case PGRES_POLLING_OK:
                PQsetErrorVerbosity(connection, PQERRORS_DEFAULT)
                return connection
            case PGRES_POLLING_READING, PGRES_POLLING_WRITING:
                let events = status == PGRES_POLLING_READING ? EPOLLIN.rawValue : EPOLLOUT.rawValue
                let watch = SocketWatch(descriptor: PQsocket(connection), loop: loop, assumeReady: false)
                if let code = watch.register(events: events | EPOLLONESHOT.rawValue) {
                    PQfinish(connection)
                    throw PostgresError(kind: .connectionFailed, message: "could not connect to \(target.displayString): cannot watch its socket (errno \(code))")
                }
                probe?.waits.add(1, ordering: .relaxed)
                let woken = deadline.guarding(watch) ? await watch.waitForEvent() : false
                deadline.release(watch)
                watch.deregister(descriptorOpen: true)
                if !woken {
                    PQfinish(connection)
                    throw PostgresError(kind: .timedOut, message: "timed out after \(timeout) connecting to \(target.displayString)")
                }
                status = PQconnectPoll(connection)
            default:
                let error = failure(connection, target)
                PQfinish(connection)
                throw error
            }
        }
    }

    /// PQconnectStartParams with the target's options; the target string is not re-parsed.
    private static func start(_ target: ConnectionTarget, applicationName: String) -> OpaquePointer? {
        var pairs = LinkSettings.filling(target.options).map { ($0.keyword, $0.value) }
        pairs.append(("fallback_application_name", applicationName))
        let keywords = pairs.map { strdup($0.0) }
        let values = pairs.map { strdup($0.1) }
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let keywordArray: [UnsafePointer<CChar>?] = keywords.map { UnsafePointer($0) } + [nil]
        let valueArray: [UnsafePointer<CChar>?] = values.map { UnsafePointer($0) } + [nil]
        return PQconnectStartParams(keywordArray, valueArray, 0)
    }

    private static func failure(_ connection: OpaquePointer?, _ target: ConnectionTarget) -> PostgresError {
        let prefix = "could not connect to \(target.displayString): "
        guard let connection else {
            return PostgresError(kind: .connectionFailed, message: prefix + "out of memory")
        }
        let text = HandshakeErrorText(verbose: String(cString: PQerrorMessage(connection)))
        let reason = text.message.isEmpty ? "unknown libpq error" : text.message
        return PostgresError(
            kind: .connectionFailed, message: (prefix + reason).masking([target.password].compactMap { $0 }), sqlState: text.sqlState)
    }
}

/// Counts a handshake's waits for the socket (tests check that it sleeps instead of spinning).
final class HandshakeProbe: Sendable {
    let waits = Atomic<Int>(0)
}

/// A connect deadline: once expired it interrupts the watch being waited on, and every later one.
private final class Deadline: Sendable {
    private struct State {
        var expired = false
        var watch: SocketWatch?
    }
    private let state = Mutex(State())

    func expire() {
        let watch = state.withLock { state -> SocketWatch? in
            state.expired = true
            return state.watch
        }
        watch?.interrupt()
    }

    /// Records `watch` as the one to interrupt; false when already expired.
    func guarding(_ watch: SocketWatch) -> Bool {
        state.withLock { state in
            if state.expired { return false }
            state.watch = watch
            return true
        }
    }

    func release(_ watch: SocketWatch) {
        state.withLock { $0.watch = nil }
    }
}
