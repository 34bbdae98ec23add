import EmbeddedPostgres
import Foundation
import PgBouncerServer
import Testing

/// `--pgbouncer` on the command line: a bad URL is one line and status 2; a bench through a real pgbouncer
/// reports the waiting inside it in its JSON; an unreachable console degrades the report and not the bench.
@Suite(.serialized)
struct PgBouncerCommandLineTests {
    @Test("a bad --pgbouncer URL is one line and status 2, its password never shown", arguments: [["bench"], []])
    func badURL(command: [String]) throws {
        let outcome = try Binary.run(command + ["--pgbouncer", "postgresql://admin:s3cretword@127.0.0.1:6432/pgbouncer?nosuchoption=1"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.split(separator: "\n").count == 1, "stderr: \(outcome.stderr)")
        #expect(outcome.stderr.contains("--pgbouncer"), "stderr: \(outcome.stderr)")
        #expect(!outcome.stderr.contains("s3cretword"))
        #expect(Clusters.folders(ownedBy: outcome.pid).isEmpty, "a cluster was started before the usage error")
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not one JSON object: \(text)")
    }

    @Test func aBenchThroughPgbouncerReportsItsWaitingInTheJSON() async throws {
        let cluster = try await EmbeddedPostgres.shared()
        let bouncer = try await PgBouncerServer.start(in: cluster, poolSize: 2)
        defer { bouncer.stop() }
        let outcome = try Binary.run([
            "bench", "--url", bouncer.url(), "--pgbouncer", bouncer.adminURL, "--workers", "8", "--pool-size", "8", "--max-overflow", "0",
            "--query", "SELECT pg_sleep(0.02)", "--duration", "2s", "--warmup", "500ms", "--json",
        ])
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        let report = try Self.json(outcome.stdout)
        let pgbouncer = try #require(report["pgbouncer"] as? [String: Any], "no pgbouncer object: \(outcome.stdout)")
        #expect(pgbouncer["pools"] as? [String] == ["postgres/postgres"], "\(pgbouncer)")
        #expect((pgbouncer["max_cl_waiting"] as? Int ?? 0) > 0, "\(pgbouncer)")
        #expect((pgbouncer["max_sv_active"] as? Int ?? 99) <= 2, "\(pgbouncer)")
        #expect((pgbouncer["max_maxwait_ms"] as? Double ?? 0) > 0, "\(pgbouncer)")
    }

    @Test func anUnreachableConsoleIsNamedInTheReportAndTheBenchStillRuns() async throws {
        let cluster = try await EmbeddedPostgres.shared()
        let outcome = try Binary.run([
            "bench", "--url", cluster.url, "--pgbouncer", "postgresql://postgres@127.0.0.1:1/pgbouncer", "--workers", "2",
            "--duration", "1s", "--warmup", "0", "--json",
        ])
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        let report = try Self.json(outcome.stdout)
        #expect((report["queries"] as? Int ?? 0) > 0)
        let pgbouncer = try #require(report["pgbouncer"] as? [String: Any], "no pgbouncer object: \(outcome.stdout)")
        #expect((pgbouncer["polls"] as? Int ?? 0) >= 1 && pgbouncer["unavailable_polls"] as? Int == pgbouncer["polls"] as? Int, "\(pgbouncer)")
        let reason = pgbouncer["last_unavailable"] as? String ?? ""
        #expect(reason.hasPrefix("n/a: pgbouncer unreachable — ") && reason.contains("refused"), "\(reason)")
    }
}
