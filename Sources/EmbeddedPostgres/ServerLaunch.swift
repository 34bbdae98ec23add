import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The start-up procedure of a throwaway cluster, run on the cluster's own supervisor thread:
/// find binaries, sweep stale folders, copy the template, start the server, wait until ready.
struct ServerLaunch: Sendable {
    /// Where to look for the server programs.
    var search: ServerBinaries.Search = .standard
    /// Extra `name=value` server settings.
    var settings: [String] = []
    /// Where to make the cluster folder.
    var parentDirectory: String = ClusterFolder.parentDirectory

    static let portAttempts = 5
    static let readinessTimeout: Duration = .seconds(60)

    func launch() throws(EmbeddedPostgresError) -> EmbeddedPostgres {
        let began = ContinuousClock.now
        let binaries = try ServerBinaries.locate(search)
        let user = try ServerUser.current()
        ClusterFolder.possibleParentDirectories.forEach(StaleClusterSweep.run(in:))
        let template = try ClusterTemplate.prepare(binaries: binaries, user: user)
        let folder = try ClusterFolder.create(in: parentDirectory, for: user)
        do throws(EmbeddedPostgresError) {
            try template.copy(to: folder.dataDirectory)
            let (server, port) = try startServer(binaries: binaries, user: user, folder: folder)
            let relaunch = Relaunch(launch: self, binaries: binaries, user: user, port: port)
            return EmbeddedPostgres(folder: folder, port: port, server: server, relaunch: relaunch,
                                    startupDuration: ContinuousClock.now - began)
        } catch {
            folder.remove()
            throw error
        }
    }

    /// Starts the postmaster on a free loopback port, trying another port if that one was taken.
    private func startServer(binaries: ServerBinaries, user: ServerUser, folder: ClusterFolder) throws(EmbeddedPostgresError) -> (ServerProcess, Int) {
        for attempt in 1...Self.portAttempts {
            let port = try LoopbackPort.free()
            if let server = try spawnServer(binaries: binaries, user: user, folder: folder, port: port) {
                return (server, port)
            }
            let tail = folder.logTail(lines: 8)
            let portTaken = tail.contains("could not bind") || tail.contains("could not create any TCP/IP sockets")
            if !portTaken || attempt == Self.portAttempts {
                throw EmbeddedPostgresError("PostgreSQL did not start: \(folder.logTail())")
            }
        }
        throw EmbeddedPostgresError("PostgreSQL did not start: no free port on 127.0.0.1")
    }

    /// Starts the postmaster on `port` and waits until it is ready; nil if it exited first (it is reaped).
    /// Call it on the thread that will supervise the server (its parent-death signal follows that thread).
    func spawnServer(binaries: ServerBinaries, user: ServerUser, folder: ClusterFolder, port: Int) throws(EmbeddedPostgresError) -> ServerProcess? {
        let command = user.command(binaries.postgres, [
            "-D", folder.dataDirectory, "-k", folder.path, "-p", "\(port)",
            "-c", "listen_addresses=127.0.0.1",
        ] + settings.flatMap { ["-c", $0] }, stopWithParent: true, in: folder.path)
        let pid = try command.spawn(output: .appendToFile(folder.logFile))
        return try Self.waitUntilReady(pid: pid, folder: folder) ? ServerProcess(pid: pid) : nil
    }

    /// What starting the same server again needs: the same programs, user, settings and port.
    struct Relaunch: Sendable {
        var launch: ServerLaunch
        var binaries: ServerBinaries
        var user: ServerUser
        var port: Int
    }

    /// True once postmaster.pid says "ready"; false if the server exited first (it is reaped).
    private static func waitUntilReady(pid: pid_t, folder: ClusterFolder) throws(EmbeddedPostgresError) -> Bool {
        let deadline = ContinuousClock.now + readinessTimeout
        while ContinuousClock.now < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { return false }
            if let pidFile = PostmasterPIDFile(dataDirectory: folder.dataDirectory), pidFile.pid == pid, pidFile.isReady {
                return true
            }
            usleep(5_000)
        }
        kill(pid, SIGKILL)
        _ = ChildProcess.waitForExit(of: pid)
        throw EmbeddedPostgresError("PostgreSQL was not ready after \(readinessTimeout): \(folder.logTail())")
    }
}
