import EmbeddedPostgres
import Foundation

/// A test's own embedded cluster that it can stop and start again on the same port and socket folder, with
/// `pg_ctl` as the server's user: a real outage and a real restart (a new postmaster start time). Test-side only;
/// `tearDown()` stops whatever server is running and removes the cluster.
final class RestartableServer: Sendable {
    let cluster: EmbeddedPostgres

    init(_ cluster: EmbeddedPostgres) {
        self.cluster = cluster
    }

    static func start() async throws -> RestartableServer {
        RestartableServer(try await EmbeddedPostgres.start())
    }

    /// Fast shutdown; returns once the server is down.
    func stop() throws {
        try pgCtl(["stop", "-D", cluster.dataDirectory, "-m", "fast", "-w"])
    }

    /// Starts the server again as it was (port, socket folder, loopback only), logging in the data directory (the
    /// cluster's log belongs to the test's user); returns once it accepts connections.
    func start() throws {
        let options = "-p \(cluster.port) -k \(cluster.socketDirectory) -c listen_addresses=127.0.0.1"
        try pgCtl(["start", "-D", cluster.dataDirectory, "-l", cluster.dataDirectory + "/restarted.log", "-w", "-o", options])
    }

    /// Stops a server `start()` started (not the cluster's child, so not stopped with it), then the cluster.
    func tearDown() {
        try? pgCtl(["stop", "-D", cluster.dataDirectory, "-m", "immediate", "-w"], quiet: true)
        cluster.stop()
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs pg_ctl (as the server's user when root: pg_ctl refuses root) and waits for it with waitpid; its output
    /// goes to a file in the cluster folder, since the server it starts would hold a pipe open for good.
    private func pgCtl(_ arguments: [String], quiet: Bool = false) throws {
        let pgCtl = cluster.binDirectory + "/pg_ctl"
        let asUser = getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--", pgCtl] : [pgCtl]
        // Through sh for the `cd`: the server's user may not enter the test's working folder.
        let command = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", cluster.socketDirectory] + asUser + arguments
        let output = cluster.socketDirectory + "/pg_ctl.out"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var argv = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, nil, &argv, environ)
        guard spawned == 0 else { throw Failure(description: "cannot run pg_ctl: error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let said = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        if status != 0, !quiet {
            throw Failure(description: "pg_ctl \(arguments.first ?? "") failed (status \(status)): \(said)")
        }
    }
}
