import Foundation
import Testing

/// The knobs panel in the real binary, in tmux, against its own embedded cluster: knobs that were flags only
/// change the running pool, and the dashboard shows it.
@Suite(.serialized)
struct KnobsScreenTests {
    /// The "Pool core N/5" count of open core connections on the dashboard, or nil when not on screen.
    static func openCore(_ screen: String) -> Int? {
        guard let line = screen.split(separator: "\n").first(where: { $0.hasPrefix("Pool core ") }) else { return nil }
        return Int(line.dropFirst("Pool core ".count).prefix { $0.isNumber })
    }

    static func line(_ screen: String, containing text: String) -> String {
        screen.split(separator: "\n").first { $0.contains(text) }.map(String.init) ?? ""
    }

    @Test("idle_timeout and min_idle set in the knobs panel close idle connections on the dashboard")
    func idleTimeoutClosesIdleConnections() throws {
        let session = try TmuxSession(command: "exec \(Binary.path) --workers 8 --min-idle 2", width: 120, height: 40)
        defer { session.close() }
        let full = try session.waitForScreen(timeout: .seconds(60)) { Self.openCore($0) == 5 }
        #expect(Self.openCore(full) == 5, "the pool never filled its core:\n\(full)")

        // Paused, every connection goes idle and stays open: no idle timeout yet.
        try session.send("Space")
        let paused = try session.waitForScreen(timeout: .seconds(10)) { $0.contains("load PAUSED") && $0.contains("conns use 0 idle 5") }
        #expect(paused.contains("conns use 0 idle 5"), "connections did not go idle:\n\(paused)")
        // Let them be idle for longer than the timeout about to be set, so it is already past when it is set.
        Thread.sleep(forTimeInterval: 1.5)

        try session.send("o")
        for _ in 0..<5 { try session.send("Down") }
        // A bad value is refused in place and changes nothing.
        try session.send("Enter", "3", "x", "Enter")
        let refused = try session.waitForScreen(timeout: .seconds(5)) { $0.contains("'3x' is not a duration") }
        #expect(Self.line(refused, containing: "idle_timeout").contains("> 3x_"), "the typed value is not on idle_timeout's row:\n\(refused)")
        #expect(refused.contains("'3x' is not a duration"), "no message for a bad value:\n\(refused)")
        #expect(Self.openCore(refused) == 5 || Self.openCore(refused) == nil)

        try session.send("BSpace", "BSpace", "1", "s", "Enter")
        let changedAt = ContinuousClock.now
        let kept = try session.waitForScreen(timeout: .seconds(10)) { $0.contains("idle_timeout off → 1s") }
        #expect(kept.contains("idle_timeout off → 1s"), "the change was not reported:\n\(kept)")
        try session.send("Escape")
        // The connections have been idle for over a second already: all but min_idle's two close at once.
        let trimmed = try session.waitForScreen(timeout: .seconds(10)) { Self.openCore($0) == 2 }
        let trimDelay = ContinuousClock.now - changedAt
        #expect(Self.openCore(trimmed) == 2, "idle connections did not fall to min_idle 2 after idle_timeout 1s:\n\(trimmed)")
        #expect(Self.line(trimmed, containing: "preset").contains("idle_timeout 1s"), "the header does not show the change:\n\(trimmed)")
        #expect(trimmed.contains("config: idle_timeout off → 1s"), "no event for the change:\n\(trimmed)")

        // The panel opens on the first knob again: min_idle is the sixth below it.
        try session.send("o")
        for _ in 0..<6 { try session.send("Down") }
        try session.send("Enter", "0", "Enter", "Escape")
        let drained = try session.waitForScreen(timeout: .seconds(10)) { Self.openCore($0) == 0 }
        #expect(Self.openCore(drained) == 0, "min_idle 0 did not let the last idle connections close:\n\(drained)")
        #expect(drained.contains("config: min_idle 2 → 0"), "no event for min_idle:\n\(drained)")
        print("knobs e2e: idle connections fell to min_idle within \(trimDelay) of idle_timeout 1s")

        try session.send("q")
        #expect(try eventually(timeout: .seconds(15)) { try session.paneIsDead() }, "pooltop still running after q")
    }
}
