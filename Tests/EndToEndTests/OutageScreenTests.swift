import EmbeddedPostgres
import Foundation
import Testing

/// The real binary in tmux against a cluster the test stops and starts again under it (`--url`): the header says
/// the server is unreachable while it is down, and the log says it came back, restarted.
@Suite(.serialized)
struct OutageScreenTests {
    /// pg_ctl on `cluster`'s data directory, as the server's user when root (pg_ctl refuses root), from a folder
    /// that user may enter.
    func pgCtl(_ cluster: EmbeddedPostgres, _ arguments: String...) throws {
        let user = getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : []
        let script = "cd \"$0\" && exec \"$@\""
        _ = try spawnAndWait(["/bin/sh", "-c", script, cluster.socketDirectory] + user + [cluster.binDirectory + "/pg_ctl", "-D", cluster.dataDirectory] + arguments,
                             environment: ["PATH": "/usr/bin:/bin:/usr/sbin:/sbin"], readsOutput: false)
    }

    @Test func theHeaderSaysUnreachableWhileTheServerIsStoppedAndClearsWhenItIsBack() async throws {
        let cluster = try await EmbeddedPostgres.start()
        defer {
            // A server pg_ctl started is not the cluster's child: stop it before the cluster goes.
            try? pgCtl(cluster, "stop", "-m", "immediate", "-w")
            cluster.stop()
        }
        let session = try TmuxSession(command: "exec \(Binary.path) --url \(cluster.url) --workers 4", width: 120, height: 40)
        defer { session.close() }
        let header: (String) -> String = { String($0.split(separator: "\n", omittingEmptySubsequences: false).first ?? "") }
        let up = try session.waitForScreen(timeout: .seconds(30)) { header($0).contains("PostgreSQL") }
        #expect(header(up).contains("PostgreSQL"), "no dashboard with the server version:\n\(up)")

        try pgCtl(cluster, "stop", "-m", "fast", "-w")
        let down = try session.waitForScreen(timeout: .seconds(15)) { header($0).contains("server unreachable") }
        #expect(header(down).contains("server unreachable"), "the header does not say the server is unreachable:\n\(down)")
        #expect(header(down).contains("next attempt in") || header(down).contains("connecting"), "no next attempt:\n\(down)")
        #expect(down.contains("n/a: server unreachable"), "the server gauge still shows numbers:\n\(down)")
        #expect(!header(down).contains("PostgreSQL"))

        try pgCtl(cluster, "start", "-w", "-l", cluster.dataDirectory + "/restarted.log",
                  "-o", "-p \(cluster.port) -k \(cluster.socketDirectory) -c listen_addresses=127.0.0.1")
        let back = try session.waitForScreen(timeout: .seconds(15)) { screen in
            !header(screen).contains("unreachable") && screen.contains("server back after") && screen.contains("server restarted")
        }
        #expect(!header(back).contains("unreachable"), "the header still says unreachable after the start:\n\(back)")
        #expect(back.contains("server back after"), "no 'back' event:\n\(back)")
        #expect(back.contains("server restarted (postmaster start time changed"), "no restart event:\n\(back)")

        try session.send("q")
        #expect(try eventually(timeout: .seconds(15)) { try session.paneIsDead() }, "pooltop still running after q")
    }
}
