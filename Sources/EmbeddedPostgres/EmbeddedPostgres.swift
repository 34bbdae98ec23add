import Foundation
import Synchronization

/// A throwaway PostgreSQL cluster: a fresh folder `pooltop-pg-XXXXXX` (in `$TMPDIR`, else /dev/shm,
/// else /tmp) holding the data directory and the unix socket, the server also on a free port on
/// 127.0.0.1, trust auth for local connections only, max_connections 300. `stop()` (or dropping
/// the last reference) stops the server and removes it all.
///
/// When root, initdb and the server run as the `postgres` system user. The server is started with
/// a parent-death signal, so it shuts down even if this process is SIGKILLed; its folder is then
/// left behind and removed by the next `start()` (which sweeps folders whose owner is gone).
public final class EmbeddedPostgres: Sendable {
    /// The TCP port on 127.0.0.1.
    public let port: Int
    /// The folder holding the unix socket (`.s.PGSQL.<port>`), the log and the data directory.
    public let socketDirectory: String
    /// The server's data directory (PGDATA).
    public let dataDirectory: String
    /// The server's log file.
    public let logFile: String
    /// The folder of the server programs used (`postgres`, `psql`, `pgbench` when installed…).
    public let binDirectory: String
    /// How long `start()` took, until the server accepted connections.
    public let startupDuration: Duration

    let folder: ClusterFolder
    /// The running postmaster; replaced by `startServer()` after a `stopServer`.
    let current: Mutex<ServerProcess>
    let relaunch: ServerLaunch.Relaunch
    let stopped = Mutex(false)

    var server: ServerProcess { current.withLock { $0 } }

    init(folder: ClusterFolder, port: Int, server: ServerProcess, relaunch: ServerLaunch.Relaunch, startupDuration: Duration) {
        self.folder = folder
        self.port = port
        self.current = Mutex(server)
        self.relaunch = relaunch
        self.binDirectory = relaunch.binaries.directory
        self.startupDuration = startupDuration
        self.socketDirectory = folder.path
        self.dataDirectory = folder.dataDirectory
        self.logFile = folder.logFile
    }

    /// Starts a new cluster (as the `postgres` system user when running as root). Typically well
    /// under a second once the initdb template in /var/tmp exists.
    public static func start() async throws(EmbeddedPostgresError) -> EmbeddedPostgres {
        try await start(ServerLaunch())
    }

    /// `start()` with extra `name=value` server settings (e.g. "max_connections=8").
    public static func start(settings: [String]) async throws(EmbeddedPostgresError) -> EmbeddedPostgres {
        try await start(ServerLaunch(settings: settings))
    }

    /// `start()` as `launch` says (tests inject a bad search path, a bad setting, a folder).
    static func start(_ launch: ServerLaunch) async throws(EmbeddedPostgresError) -> EmbeddedPostgres {
        try await supervised { () throws(EmbeddedPostgresError) in
            let cluster = try launch.launch()
            return (cluster, cluster.server)
        }
    }

    /// Runs `spawn` on a dedicated thread, which then supervises the server it started until it exits:
    /// start-up blocks, and the server's parent-death signal is tied to the spawning thread, so the
    /// thread lives exactly as long as the server.
    static func supervised<T: Sendable>(
        _ spawn: @escaping @Sendable () throws(EmbeddedPostgresError) -> (T, ServerProcess)
    ) async throws(EmbeddedPostgresError) -> T {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, EmbeddedPostgresError>, Never>) in
            let supervisor = Thread {
                let server: ServerProcess
                do throws(EmbeddedPostgresError) {
                    let (value, spawned) = try spawn()
                    server = spawned
                    // Hand over the only reference, so a deinit never runs on this thread.
                    continuation.resume(returning: .success(value))
                } catch {
                    continuation.resume(returning: .failure(error))
                    return
                }
                server.superviseUntilExit()
            }
            supervisor.name = "pooltop-postgres"
            supervisor.start()
        }
        return try result.get()
    }

    /// A cluster nobody holds any more is stopped too; call `stop()` to choose when.
    deinit {
        stop()
    }

    /// A key=value conninfo string for libpq, over the unix socket.
    public var conninfo: String {
        "host=\(Self.quoted(socketDirectory)) port=\(port) dbname=postgres user=postgres"
    }

    /// A postgresql:// URL, over TCP on loopback.
    public var url: String { "postgresql://postgres@127.0.0.1:\(port)/postgres" }

    /// The postmaster's pid.
    public var serverPID: Int32 { server.pid }

    /// Whether the server process is still running.
    public var isRunning: Bool { !server.hasExited }

    /// Stops the server (fast shutdown, then harder) and removes the folder. Idempotent,
    /// thread-safe and synchronous: returns when both are gone. Not async-signal-safe.
    public func stop() {
        stopped.withLock { stopped in
            guard !stopped else { return }
            stopped = true
            server.terminate()
            folder.remove()
        }
    }

    private static func quoted(_ value: String) -> String {
        guard value.contains(where: { $0 == " " || $0 == "'" || $0 == "\\" }) else { return value }
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
        return "'\(escaped)'"
    }
}
