import EmbeddedPostgres
import Foundation
import Testing

/// `--record` and `pooltop replay --summary`, the real binary against an embedded server the test starts.
@Suite(.serialized)
struct RecordingTests {
    static let secret = "rec0rd-s3cret"

    /// A URL to `cluster` with a password in it (the cluster trusts loopback, so it connects all the same).
    static func url(_ cluster: EmbeddedPostgres) -> String { "postgresql://postgres:\(secret)@127.0.0.1:\(cluster.port)/postgres" }

    static func temporaryFile() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("pooltop-e2e-\(UUID().uuidString).jsonl").path
    }

    static func object(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    /// A short bench recorded to `file`; its JSON output.
    static func recordBench(_ cluster: EmbeddedPostgres, to file: String, seconds: Int = 2) throws -> [String: Any] {
        let outcome = try Binary.run([
            "bench", "--url", url(cluster), "--duration", "\(seconds)s", "--warmup", "500ms", "--workers", "8",
            "--query", "SELECT pg_sleep(0.001)", "--record", file, "--json",
        ])
        #expect(outcome.status == 0, "bench failed: \(outcome.stderr)")
        return try #require(object(outcome.stdout), "bench printed no JSON: \(outcome.stdout)")
    }

    @Test("a recorded bench replays headless with the bench's own figures, and the file holds no password")
    func benchReplaysToTheSameReport() async throws {
        let cluster = try await EmbeddedPostgres.start()
        defer { cluster.stop() }
        let file = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let bench = try Self.recordBench(cluster, to: file)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(!text.contains(Self.secret), "the password is in the recording")
        #expect(text.hasPrefix("{") && text.contains("\"type\":\"header\"") && text.contains("\"type\":\"second\""))

        let replay = try Binary.run(["replay", file, "--summary", "--json"])
        #expect(replay.status == 0 && replay.stderr.isEmpty, "replay: \(replay.stderr)")
        let replayed = try #require(Self.object(replay.stdout), "replay printed no JSON: \(replay.stdout)")
        let keys = [
            "workers", "pool_size", "max_overflow", "query", "seconds", "queries", "qps", "errors", "timeouts", "wait_p50_ms",
            "wait_p99_ms", "wait_max_ms", "wait_mean_ms", "query_mean_ms", "fairness", "connections_opened", "peak_in_use",
            "peak_overflow", "peak_open", "peak_waiters", "errors_by_kind", "timeline", "preset", "mode",
        ]
        for key in keys {
            let mine = try #require(bench[key] as? NSObject, "bench has no \(key)")
            #expect(replayed[key] as? NSObject == mine, "\(key): bench \(mine), replay \(replayed[key] ?? "nothing")")
        }
        #expect((bench["queries"] as? Int ?? 0) > 0)
        #expect((bench["timeline"] as? [Any])?.isEmpty == false)

        let summary = try Binary.run(["replay", file, "--summary"])
        #expect(summary.status == 0)
        #expect(summary.stdout.hasPrefix("pooltop bench: 8 workers, pool_size 5 + max_overflow 10"), "summary: \(summary.stdout)")
        #expect(summary.stdout.contains("queries    \(bench["queries"] as? Int ?? -1) "), "summary: \(summary.stdout)")
    }

    @Test("a garbage line in the middle, or a file cut mid-line, replays up to the damage and says where")
    func damagedRecordings() async throws {
        let cluster = try await EmbeddedPostgres.start()
        defer { cluster.stop() }
        let file = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let bench = try Self.recordBench(cluster, to: file)
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
        // The garbage goes in just before the run's last second, with seconds before it to replay.
        let seconds = lines.indices.filter { lines[$0].contains("\"type\":\"second\"") }
        try #require(seconds.count >= 3, "too short a recording: \(lines.count) lines")
        let middle = seconds[seconds.count - 1] + 1

        var garbled = lines
        garbled.insert("{\"type\":\"second\",\"t\":", at: middle - 1)
        let corrupt = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: corrupt) }
        try (garbled.joined(separator: "\n") + "\n").write(toFile: corrupt, atomically: true, encoding: .utf8)
        let fromCorrupt = try Binary.run(["replay", corrupt, "--summary", "--json"])
        #expect(fromCorrupt.status == 0, "stderr: \(fromCorrupt.stderr)")
        #expect(fromCorrupt.stderr == "pooltop: recording damaged at line \(middle): not a JSON object; replayed \(middle - 1) lines\n")
        let partial = Self.object(fromCorrupt.stdout)
        #expect((partial?["queries"] as? Int ?? 0) <= (bench["queries"] as? Int ?? 0), "stdout: \(fromCorrupt.stdout)")

        let whole = try Data(contentsOf: URL(fileURLWithPath: file))
        let truncated = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: truncated) }
        try whole.dropLast(25).write(to: URL(fileURLWithPath: truncated))
        let fromTruncated = try Binary.run(["replay", truncated, "--summary", "--json"])
        #expect(fromTruncated.status == 0, "stderr: \(fromTruncated.stderr)")
        #expect(fromTruncated.stderr == "pooltop: recording damaged at line \(lines.count): cut short mid-line; replayed \(lines.count - 1) lines\n")
        let beforeTheEnd = try #require(Self.object(fromTruncated.stdout), "stdout: \(fromTruncated.stdout)")
        #expect((beforeTheEnd["queries"] as? Int ?? 0) > 0 && (beforeTheEnd["timeline"] as? [Any])?.isEmpty == false)
    }

    @Test("a missing file, or one that is not a recording, is one line and exit 2", arguments: ["/nonexistent/none.jsonl", "/etc/passwd"])
    func notARecording(path: String) throws {
        let outcome = try Binary.run(["replay", path, "--summary"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.split(separator: "\n").count == 1, "stderr: \(outcome.stderr)")
        #expect(outcome.stderr.contains(path) && (outcome.stderr.contains("no such file") || outcome.stderr.contains("not a pooltop recording")))
        #expect(outcome.stdout.isEmpty)
    }

    @Test("a bench killed mid-run leaves a recording that replays up to its last line")
    func killedRunStillReplays() async throws {
        let cluster = try await EmbeddedPostgres.start()
        defer { cluster.stop() }
        let file = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = ["bench", "--url", Self.url(cluster), "--duration", "60s", "--warmup", "0s", "--workers", "4", "--record", file]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let seconds = { ((try? String(contentsOfFile: file, encoding: .utf8)) ?? "").components(separatedBy: "\"type\":\"second\"").count - 1 }
        let recorded = eventually(timeout: .seconds(30)) { seconds() >= 3 }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(recorded, "no three seconds recorded in 30 s")

        let replay = try Binary.run(["replay", file, "--summary", "--json"])
        #expect(replay.status == 0, "stderr: \(replay.stderr)")
        let report = try #require(Self.object(replay.stdout), "stdout: \(replay.stdout)")
        #expect((report["queries"] as? Int ?? 0) > 0)
        #expect(((report["timeline"] as? [Any])?.count ?? 0) >= 2)
    }
}
