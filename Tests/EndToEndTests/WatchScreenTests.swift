import EmbeddedPostgres
import Foundation
import LibPQ
import Testing

/// `pooltop watch --url …` in tmux against a cluster where the test holds a few connections of its own
/// application: its row shows their count, Enter lists them, q quits and gives the terminal back.
@Suite(.serialized)
struct WatchScreenTests {
    @Test func theTestsApplicationHasARowWithItsCountAndQQuits() async throws {
        let cluster = try await EmbeddedPostgres.start()
        defer { cluster.stop() }
        let application = "e2e_watched_\(UInt32.random(in: 0...UInt32.max))"
        let count = 3
        var held: [PostgresConnection] = []
        defer { held.forEach { $0.close() } }
        for _ in 0..<count {
            held.append(try await PostgresConnection.connect(to: try ConnectionTarget(cluster.url + "?application_name=\(application)")))
        }

        let session = try TmuxSession(command: "exec \(Binary.path) watch --url \(cluster.url)", width: 140, height: 40)
        defer { session.close() }
        let row: (String) -> [Substring]? = { screen in
            screen.split(separator: "\n").first { $0.hasPrefix(application) }.map { $0.split(separator: " ") }
        }
        let screen = try session.waitForScreen(timeout: .seconds(30)) { row($0)?.count ?? 0 > 5 }
        let cells = try #require(row(screen), "no row for \(application):\n\(screen)")
        // APPLICATION CLIENT USER DATABASE CONNS ACT IDLE …
        #expect(cells[1] == "127.0.0.1" && cells[2] == "postgres" && cells[3] == "postgres", "\(cells)")
        #expect(cells[4] == "\(count)", "CONNS is not \(count):\n\(screen)")
        #expect(cells[6] == "\(count)", "IDLE is not \(count):\n\(screen)")
        #expect(screen.contains("excludes this watch (pid "), "the screen does not say its own connection is left out:\n\(screen)")
        #expect(screen.contains("superuser_reserved_connections"), "no limit less the reserved slots:\n\(screen)")

        // The busiest pool is selected first: the test's, the only one.
        try session.send("Enter")
        let detail = try session.waitForScreen(timeout: .seconds(10)) { $0.contains("pool \(application) from 127.0.0.1") }
        #expect(detail.contains("pool \(application) from 127.0.0.1 as postgres on postgres: \(count) connections"), "\(detail)")
        for connection in held { #expect(detail.contains(" \(connection.backendPID) idle"), "pid \(connection.backendPID) not listed:\n\(detail)") }

        try session.send("q")
        #expect(try eventually(timeout: .seconds(15)) { try session.paneIsDead() }, "pooltop watch still running after q")
        let after = try session.capture()
        #expect(!after.contains("APPLICATION") && !after.contains(application), "the watch screen is still on the terminal:\n\(after)")
    }

    @Test("watch: an unreachable server is one line, exit status 2, the password masked")
    func unreachableServerIsOneLine() throws {
        let outcome = try Binary.run(["watch", "--url", "postgresql://watcher:hunter2secret@127.0.0.1:1/x"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.split(separator: "\n").count == 1, "stderr: \(outcome.stderr)")
        #expect(outcome.stderr.contains("cannot watch") && outcome.stderr.contains("connection refused"), "stderr: \(outcome.stderr)")
        #expect(!outcome.stderr.contains("hunter2secret"))
        #expect(outcome.stdout.isEmpty)
    }
}
