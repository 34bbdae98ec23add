import Foundation
import Testing

/// The real binary in a real terminal (tmux) against its own embedded cluster, as a user runs it.
@Suite(.serialized)
struct ScreenTests {
    /// How the run ends: each way must leave no server process and no cluster folder behind.
    enum Ending: String, CaseIterable, Sendable {
        case quitKey, controlC, sigterm
    }

    @Test("dashboard appears, + grows the pool, resize re-lays out, and every way out cleans up", arguments: Ending.allCases)
    func dashboardLifecycle(ending: Ending) throws {
        let session = try TmuxSession(command: "exec \(Binary.path) --workers 8", width: 160, height: 50)
        let pid = try session.panePID()
        let dashboard = try session.waitForScreen(timeout: .seconds(30)) { $0.contains("pool_size 5") }
        #expect(dashboard.contains("pool_size 5"), "dashboard did not appear:\n\(dashboard)")

        let folders = Clusters.folders(ownedBy: pid)
        #expect(folders.count == 1, "expected one embedded cluster owned by pid \(pid), found \(folders)")

        if ending == .quitKey {
            try session.send("+")
            let grown = try session.waitForScreen(timeout: .seconds(10)) { $0.contains("pool_size 6") }
            #expect(grown.contains("pool_size 6"), "pool size did not change after '+':\n\(grown)")

            try session.resize(width: 80, height: 24)
            let compact = try session.waitForScreen(timeout: .seconds(10)) { screen in
                screen.contains("pool_size 6") && screen.split(separator: "\n").allSatisfy { $0.count <= 80 }
            }
            #expect(compact.contains("pool_size 6"), "no dashboard after resize to 80x24:\n\(compact)")

            try session.resize(width: 30, height: 8)
            let tiny = try session.waitForScreen(timeout: .seconds(10)) { $0.lowercased().contains("too small") }
            #expect(tiny.lowercased().contains("too small"), "no 'too small' notice at 30x8:\n\(tiny)")
            try session.resize(width: 120, height: 40)
        }

        switch ending {
        case .quitKey: try session.send("q")
        case .controlC: try session.send("C-c")
        case .sigterm: kill(pid, SIGTERM)
        }

        #expect(try eventually(timeout: .seconds(15)) { try session.paneIsDead() }, "pooltop still running after \(ending)")
        #expect(eventually(timeout: .seconds(5)) { !Clusters.processExists(pid) }, "pooltop (pid \(pid)) still exists after \(ending)")
        for folder in folders {
            #expect(eventually(timeout: .seconds(5)) { !FileManager.default.fileExists(atPath: folder) }, "cluster folder left: \(folder)")
            #expect(Clusters.processes(using: folder).isEmpty, "server processes left for \(folder)")
        }
        // The terminal is restored: the shell prompt area is no longer the alternate screen's dashboard.
        let after = try session.capture()
        #expect(!after.contains("pool_size"), "dashboard still on screen after exit:\n\(after)")
        session.close()
    }
}
