import EmbeddedPostgres
import Foundation
import LibPQ
import Testing

/// `pooltop watch --url …` in tmux against a cluster where the test holds a few connections of its own
/// application: its row shows their count, Enter lists them, ? lists the keys, q (or Ctrl-C, or SIGTERM) quits and gives the
/// terminal back.
@Suite(.serialized)
struct WatchScreenTests {
    /// How the run ends: each way gives the terminal back.
    enum Ending: String, CaseIterable, Sendable {
        case quitKey, controlC, sigterm
    }

    @Test("the test's application has a row with its count, Enter lists its connections, every way out restores the terminal",
          arguments: Ending.allCases)
    func theTestsApplicationHasARowWithItsCount(ending: Ending) async throws {
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

        if ending == .quitKey {
            // ? lists watch's own keys over the screen; Esc closes the list and nothing else.
            try session.send("?")
            let help = try session.waitForScreen(timeout: .seconds(10)) { $0.contains("─ Help ─") && $0.contains("the selected pool's connections") }
            #expect(help.contains("close help or filter, else back to the pools") && help.contains("Esc close help"), "no watch help:\n\(help)")
            #expect(!help.contains("pool size +1"), "the watch's help lists the main screen's keys:\n\(help)")
            try session.send("Escape")
            let closed = try session.waitForScreen(timeout: .seconds(10)) { !$0.contains("─ Help ─") }
            #expect(closed.contains("pool \(application) from 127.0.0.1"), "Esc did more than close the help:\n\(closed)")
        }
        switch ending {
        case .quitKey: try session.send("q")
        case .controlC: try session.send("C-c")
        case .sigterm: kill(try session.panePID(), SIGTERM)
        }
        #expect(try eventually(timeout: .seconds(15)) { try session.paneIsDead() }, "pooltop watch still running after \(ending)")
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

    @Test("watch with no server named watches a throwaway cluster and removes it on q")
    func embeddedClusterIsWatchedAndRemoved() throws {
        let session = try TmuxSession(command: "exec \(Binary.path) watch", width: 120, height: 30)
        defer { session.close() }
        let pid = try session.panePID()
        let screen = try session.waitForScreen(timeout: .seconds(30)) { $0.contains("excludes this watch (pid ") }
        #expect(screen.contains("pooltop watch embedded cluster 127.0.0.1:"), "\(screen)")
        #expect(screen.contains("no client connections but this watch's own"), "\(screen)")
        let folders = Clusters.folders(ownedBy: pid)
        #expect(folders.count == 1, "expected one embedded cluster owned by pid \(pid), found \(folders)")
        try session.send("q")
        #expect(try eventually(timeout: .seconds(15)) { try session.paneIsDead() }, "pooltop watch still running after q")
        for folder in folders {
            #expect(eventually(timeout: .seconds(5)) { !FileManager.default.fileExists(atPath: folder) }, "cluster folder left: \(folder)")
            #expect(Clusters.processes(using: folder).isEmpty, "server processes left for \(folder)")
        }
    }
}
