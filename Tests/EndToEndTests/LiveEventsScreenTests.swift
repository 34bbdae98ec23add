import Foundation
import Testing

/// The live screen's events log under a load that fills the pool's 1024-event ring many times between two frames:
/// the real binary in tmux, at one frame every two seconds, against its own embedded cluster.
@Suite(.serialized)
struct LiveEventsScreenTests {
    @Test("a knob change made between two slow frames of a busy pool reaches the events log")
    func knobChangeBetweenSlowFramesIsLogged() throws {
        // SELECT 1 with no think time: thousands of check-outs and check-ins a second, so two seconds of them are far
        // more than the ring of every event holds. No overflow, so no connect and close churn scrolls the log.
        let command = "exec \(Binary.path) --workers 16 --think 0 --query 'SELECT 1' --max-overflow 0 --fps 0.5"
        let session = try TmuxSession(command: command, width: 120, height: 40)
        defer { session.close() }
        let running = try session.waitForScreen(timeout: .seconds(60)) { $0.contains("pool_size 5") && $0.contains("slot 5 connected") }
        #expect(running.contains("slot 5 connected"), "the pool's connects are not in the events log:\n\(running)")

        try session.send("+")
        let changed = try session.waitForScreen(timeout: .seconds(20)) { $0.contains("config: pool_size 5 → 6") }
        #expect(changed.contains("config: pool_size 5 → 6"), "the change is not in the events log:\n\(changed)")
        let logged = try session.waitForScreen(timeout: .seconds(20)) { $0.contains("slot 6 connected") }
        #expect(logged.contains("slot 6 connected"), "the sixth connection's connect is not in the events log:\n\(logged)")
        let qps = changed.split(separator: "\n").first { $0.hasPrefix("q/s ") }.map(String.init) ?? "(no q/s line)"
        print("live events under load: \(qps)")

        try session.send("q")
        #expect(try eventually(timeout: .seconds(15)) { try session.paneIsDead() }, "pooltop still running after q")
    }
}
