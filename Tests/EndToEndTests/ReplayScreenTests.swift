import EmbeddedPostgres
import Foundation
import Testing

/// The screen recorded with `--record`, then `pooltop replay` of it, both in tmux against a server the test starts.
@Suite(.serialized)
struct ReplayScreenTests {
    static func header(_ screen: String) -> String { String(screen.split(separator: "\n", omittingEmptySubsequences: false).first ?? "") }

    /// "REPLAY 00:03/00:07 1x…" as shown on row 0.
    static func replayLabel(_ screen: String) -> String? {
        let row = header(screen)
        guard let start = row.range(of: "REPLAY ") else { return nil }
        return String(row[start.lowerBound...].prefix { $0 != "│" && $0 != "|" }).trimmingCharacters(in: .whitespaces)
    }

    @Test("a recorded screen replays: REPLAY in the header, Space pauses, a knob key is refused, q quits and restores the terminal")
    func recordThenReplay() async throws {
        let cluster = try await EmbeddedPostgres.start()
        defer { cluster.stop() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pooltop-e2e-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let url = "postgresql://postgres:\(RecordingTests.secret)@127.0.0.1:\(cluster.port)/postgres"

        let live = try TmuxSession(command: "exec \(Binary.path) --url '\(url)' --workers 4 --record \(file)", width: 120, height: 40)
        defer { live.close() }
        let dashboard = try live.waitForScreen(timeout: .seconds(30)) { $0.contains("pool_size 5") && Self.header($0).contains("PostgreSQL") }
        #expect(dashboard.contains("pool_size 5"), "no live dashboard:\n\(dashboard)")
        try live.send("+")
        _ = try live.waitForScreen(timeout: .seconds(10)) { $0.contains("pool_size 5 → 6") }
        let seconds = { ((try? String(contentsOfFile: file, encoding: .utf8)) ?? "").components(separatedBy: "\"type\":\"second\"").count - 1 }
        #expect(eventually(timeout: .seconds(30)) { seconds() >= 4 }, "the screen recorded no four seconds")
        try live.send("q")
        #expect(try eventually(timeout: .seconds(15)) { try live.paneIsDead() }, "the live screen still runs after q")
        let recording = try String(contentsOfFile: file, encoding: .utf8)
        #expect(!recording.contains(RecordingTests.secret), "the password is in the recording")
        #expect(recording.contains("pool_size 5 → 6"), "the knob change is not in the recording")

        let replay = try TmuxSession(command: "exec \(Binary.path) replay \(file)", width: 120, height: 40)
        defer { replay.close() }
        let pid = try replay.panePID()
        let shown = try replay.waitForScreen(timeout: .seconds(15)) { Self.replayLabel($0) != nil && $0.contains("pool_size") }
        #expect(Self.replayLabel(shown)?.hasSuffix(" 1x") == true, "no REPLAY … 1x in the header:\n\(shown)")
        #expect(Self.header(shown).contains("postgres:***@127.0.0.1"), "the target is not masked:\n\(shown)")

        try replay.send("Space")
        let paused = try replay.waitForScreen(timeout: .seconds(10)) { Self.replayLabel($0)?.hasSuffix("PAUSED") == true }
        let pausedAt = Self.replayLabel(paused)
        #expect(pausedAt?.hasSuffix("PAUSED") == true, "Space did not pause the replay:\n\(paused)")
        try await Task.sleep(for: .milliseconds(1500))
        #expect(Self.replayLabel(try replay.capture()) == pausedAt, "the position moved while paused")

        try replay.send(">")
        let faster = try replay.waitForScreen(timeout: .seconds(10)) { Self.replayLabel($0)?.contains(" 2x") == true }
        #expect(Self.replayLabel(faster)?.contains(" 2x PAUSED") == true, "> did not double the speed:\n\(faster)")

        try replay.send("End")
        let end = try replay.waitForScreen(timeout: .seconds(10)) { $0.contains("pool_size 5 → 6") }
        #expect(end.contains("pool_size 5 → 6"), "the knob change is not in the replayed events:\n\(end)")

        try replay.send("+")
        let refused = try replay.waitForScreen(timeout: .seconds(10)) { $0.contains("not available in a replay") }
        #expect(refused.contains("knob changes are not available in a replay"), "no refusal for +:\n\(refused)")

        try replay.send("q")
        #expect(try eventually(timeout: .seconds(10)) { try replay.paneIsDead() }, "pooltop replay still running after q")
        #expect(eventually(timeout: .seconds(5)) { !Clusters.processExists(pid) }, "pooltop replay (pid \(pid)) still exists after q")
        let after = try replay.capture()
        #expect(!after.contains("REPLAY") && !after.contains("pool_size"), "the replay is still on screen after exit:\n\(after)")
    }
}
