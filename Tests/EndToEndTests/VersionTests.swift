import EmbeddedPostgres
import Foundation
import Testing

/// One version for the program: what `pooltop --version` prints is what a recording's header says made it.
extension RecordingTests {
    @Test("pooltop --version prints the version a recording's header carries")
    func versionInRecordings() async throws {
        let version = try Binary.run(["--version"])
        #expect(version.status == 0, "stderr: \(version.stderr)")
        let printed = version.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(printed.split(separator: ".").count == 3 && printed.allSatisfy { $0.isNumber || $0 == "." }, "--version: \(printed)")

        let cluster = try await EmbeddedPostgres.start()
        defer { cluster.stop() }
        let file = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        _ = try Self.recordBench(cluster, to: file, seconds: 1)
        let first = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").first.map(String.init) ?? ""
        let header = try #require(Self.object(first), "no header line: \(first)")
        #expect(header["type"] as? String == "header")
        #expect(header["pooltop_version"] as? String == printed)
    }
}
