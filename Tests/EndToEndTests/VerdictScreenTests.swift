import Foundation
import Testing

/// The live verdict line, as a user sees it: the real binary in tmux against its own embedded cluster.
@Suite(.serialized)
struct VerdictScreenTests {
    @Test("two connections for sixteen sleeping workers: Little's law shows them busy and the verdict says pool-bound")
    func poolBoundVerdict() throws {
        let command = "exec \(Binary.path) --workers 16 --pool-size 2 --max-overflow 0 --query 'SELECT pg_sleep(0.01)'"
        let session = try TmuxSession(command: command, width: 120, height: 40)
        defer { session.close() }
        let screen = try session.waitForScreen(timeout: .seconds(60)) {
            $0.contains("Verdict       pool-bound: more connections would raise throughput")
        }
        #expect(screen.contains("Verdict       pool-bound: more connections would raise throughput"), "no verdict:\n\(screen)")
        let little = screen.split(separator: "\n").first { $0.hasPrefix("Little's law  busy ") }
        #expect(little?.contains(" of 2 = throughput × query time = ") == true, "no Little's law line:\n\(screen)")
        #expect(little?.contains("waiting for a connection") == true)
        try session.send("q")
        #expect(try eventually(timeout: .seconds(15)) { try session.paneIsDead() }, "pooltop still running after q")
    }
}
