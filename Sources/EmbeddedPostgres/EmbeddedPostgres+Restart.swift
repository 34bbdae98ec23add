#if canImport(Glibc)
import Glibc
#endif

/// How the server is stopped (PostgreSQL's shutdown modes, as `pg_ctl stop -m` names them).
public enum ShutdownMode: String, Sendable, CaseIterable {
    /// SIGTERM: waits for the sessions to end.
    case smart
    /// SIGINT: terminates the sessions (57P01 "terminating connection due to administrator command").
    case fast
    /// SIGQUIT: quits at once; the next start recovers from the WAL.
    case immediate

    var signal: Int32 {
        switch self {
        case .smart: SIGTERM
        case .fast: SIGINT
        case .immediate: SIGQUIT
        }
    }
}

/// Restart control, for the tests of what a pool does when its server goes away: the same data
/// folder, the same port, the same user.
extension EmbeddedPostgres {
    /// Stops the server with `mode` and returns once it has exited; the folder stays.
    public func stopServer(_ mode: ShutdownMode) async {
        let server = self.server
        server.send(mode.signal)
        while !server.hasExited {
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Starts the server again after `stopServer`, on the same port and data folder; returns once it
    /// accepts connections. Does nothing while it runs or after `stop()`.
    public func startServer() async throws(EmbeddedPostgresError) {
        if stopped.withLock({ $0 }) || !server.hasExited { return }
        let relaunch = self.relaunch
        let folder = self.folder
        let server = try await Self.supervised { () throws(EmbeddedPostgresError) in
            guard let server = try relaunch.launch.spawnServer(
                binaries: relaunch.binaries, user: relaunch.user, folder: folder, port: relaunch.port)
            else { throw EmbeddedPostgresError("PostgreSQL did not start again: \(folder.logTail())") }
            return (server, server)
        }
        current.withLock { $0 = server }
    }

    /// `stopServer(mode)` then `startServer()`.
    public func restart(_ mode: ShutdownMode = .fast) async throws(EmbeddedPostgresError) {
        await stopServer(mode)
        try await startServer()
    }
}
