import Foundation
import Testing

/// `pooltop demo`: the screen over a simulated pool, with no database, in a real terminal (tmux).
@Suite(.serialized)
struct DemoScreenTests {
    @Test("the demo shows the dashboard with no server, tells a frozen display from a paused load, and quits on q")
    func demoDashboard() throws {
        let session = try TmuxSession(command: "exec \(Binary.path) demo", width: 100, height: 32)
        defer { session.close() }
        let pid = try session.panePID()
        let dashboard = try session.waitForScreen(timeout: .seconds(15)) { $0.contains("pool_size 5") && $0.contains("postgres://demo") }
        #expect(dashboard.contains("pool_size 5") && dashboard.contains("load RUNNING"), "no dashboard:\n\(dashboard)")
        #expect(Clusters.folders(ownedBy: pid).isEmpty, "the demo started a database cluster")

        try session.send("p")
        let frozen = try session.waitForScreen(timeout: .seconds(10)) { $0.contains("display FROZEN") }
        #expect(frozen.contains("display FROZEN") && frozen.contains("load RUNNING"), "p did not freeze the display alone:\n\(frozen)")
        try session.send("p")
        let thawed = try session.waitForScreen(timeout: .seconds(10)) { !$0.contains("FROZEN") }
        #expect(!thawed.contains("FROZEN"), "a second p did not unfreeze:\n\(thawed)")

        try session.send("Space")
        let paused = try session.waitForScreen(timeout: .seconds(10)) { $0.contains("load PAUSED") }
        #expect(paused.contains("load PAUSED") && !paused.contains("FROZEN"), "Space did not pause the load alone:\n\(paused)")

        try session.send("Tab")
        let connections = try session.waitForScreen(timeout: .seconds(10)) { $0.contains("HOLDER") }
        #expect(connections.contains("HOLDER") && connections.contains("QUERY"), "Tab did not show the connections table:\n\(connections)")

        try session.send("q")
        #expect(try eventually(timeout: .seconds(10)) { try session.paneIsDead() }, "pooltop demo still running after q")
        #expect(eventually(timeout: .seconds(5)) { !Clusters.processExists(pid) }, "pooltop demo (pid \(pid)) still exists after q")
        let after = try session.capture()
        #expect(!after.contains("pool_size"), "dashboard still on screen after exit:\n\(after)")
    }

    @Test("the demo without a terminal says so in one line and exits 2")
    func demoWithoutTerminal() throws {
        let outcome = try Binary.run(["demo"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.split(separator: "\n").count == 1, "stderr: \(outcome.stderr)")
        #expect(outcome.stderr.contains("needs a terminal"))
    }
}
