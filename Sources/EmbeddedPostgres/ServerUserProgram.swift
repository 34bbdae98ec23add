import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Another server program (pgbouncer, for the tests) run the way the cluster runs postgres: as the server's user
/// when root, from a throwaway folder of its own (`pooltop-pg-XXXXXX`, with `owner.pid`, so the stale sweep and
/// scripts/check-leaks.sh treat it as a cluster's), on a supervisor thread with a parent-death signal.
/// `stop()` ends the program and removes the folder.
public final class ServerUserProgram: Sendable {
    /// The folder, owned by the server's user: write the program's configuration here.
    public let folder: String
    /// A TCP port on 127.0.0.1 that was free a moment ago, for the program to listen on.
    public let port: Int
    private let user: ServerUser
    private let clusterFolder: ClusterFolder
    private let process = Mutex<ServerProcess?>(nil)

    private init(folder: ClusterFolder, port: Int, user: ServerUser) {
        clusterFolder = folder
        self.folder = folder.path
        self.port = port
        self.user = user
    }

    /// A new folder and port; nothing runs yet.
    public static func prepare() throws(EmbeddedPostgresError) -> ServerUserProgram {
        let user = try ServerUser.current()
        let folder = try ClusterFolder.create(in: ClusterFolder.parentDirectory, for: user)
        do throws(EmbeddedPostgresError) {
            return ServerUserProgram(folder: folder, port: try LoopbackPort.free(), user: user)
        } catch {
            folder.remove()
            throw error
        }
    }

    /// Writes `contents` to `name` in the folder, readable by the server's user.
    public func write(_ name: String, _ contents: String) throws(EmbeddedPostgresError) {
        let path = folder + "/" + name
        guard FileManager.default.createFile(atPath: path, contents: Data(contents.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw EmbeddedPostgresError("could not write \(path)")
        }
        try user.own(path)
    }

    /// The file the program's output is appended to.
    public var logFile: String { clusterFolder.logFile }

    /// Starts `executable` with `arguments` as the server's user, its output appended to `logFile`, and
    /// returns once `ready` holds (polled) or throws if it exits first or is not ready within `timeout`.
    public func start(
        _ executable: String, _ arguments: [String], timeout: Duration = .seconds(20),
        ready: @escaping @Sendable () -> Bool
    ) async throws(EmbeddedPostgresError) {
        let user = self.user, folder = self.folder, log = logFile
        let started = try await EmbeddedPostgres.supervised { () throws(EmbeddedPostgresError) in
            let command = user.command(executable, arguments, stopWithParent: true, in: folder)
            let server = ServerProcess(pid: try command.spawn(output: .appendToFile(log)))
            return (server, server)
        }
        process.withLock { $0 = started }
        let deadline = ContinuousClock.now + timeout
        while !ready() {
            if started.hasExited || ContinuousClock.now >= deadline {
                stopProgram()
                throw EmbeddedPostgresError("\(executable) did not start: \(clusterFolder.logTail())")
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Whether the program runs.
    public var isRunning: Bool { process.withLock { $0.map { !$0.hasExited } ?? false } }

    /// The program's pid, while it runs.
    public var pid: Int32? { process.withLock { $0.flatMap { $0.hasExited ? nil : $0.pid } } }

    /// Ends the program (SIGTERM, then harder) and returns once it has exited; the folder stays, so
    /// `start` may run it again on the same port.
    public func stopProgram() {
        guard let running = process.withLock({ $0 }) else { return }
        running.send(SIGTERM)
        let deadline = ContinuousClock.now + .seconds(3)
        while !running.hasExited && ContinuousClock.now < deadline { usleep(5_000) }
        running.terminate()
    }

    /// Ends the program and removes the folder. Idempotent.
    public func stop() {
        stopProgram()
        clusterFolder.remove()
    }

    deinit { stop() }
}
