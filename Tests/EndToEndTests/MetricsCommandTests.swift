import EmbeddedPostgres
import Foundation
import LoopbackHTTP
import Testing

/// `--metrics` on the real binary: the default address is loopback only, the body holds no password and no
/// SQL, a port in use is one line and exit 2, and the endpoint goes when pooltop stops.
@Suite(.serialized)
struct MetricsCommandTests {
    static let password = "Pw-sekrit-4711"
    static let sql = "SELECT 4711 AS marker_column, pg_sleep(0.01)"

    @Test("--metrics alone serves 127.0.0.1:9187 and nothing else; no password, SQL or holder in the body; gone after the run", .timeLimit(.minutes(3)))
    func defaultEndpoint() async throws {
        let cluster = try await EmbeddedPostgres.start()
        defer { cluster.stop() }
        let url = "postgresql://postgres:\(Self.password)@127.0.0.1:\(cluster.port)/postgres"
        let (bench, errors) = try Self.startBench(["--url", url, "--query", Self.sql, "--workers", "8", "--duration", "6s", "--warmup", "0s", "--metrics"])
        defer { if bench.isRunning { bench.terminate(); bench.waitUntilExit() } }

        var body: String?
        let deadline = ContinuousClock.now + .seconds(30)
        while body == nil, bench.isRunning, ContinuousClock.now < deadline {
            body = try? LoopbackHTTP.get(port: 9187, path: "/metrics").body
            if body == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let text = try #require(body, "127.0.0.1:9187 never answered")
        #expect(text.contains("db_client_connection_count{db_client_connection_pool_name=\"127.0.0.1:\(cluster.port)/postgres\""))
        #expect(!text.contains(Self.password))
        #expect(!text.contains("marker_column") && !text.contains("SELECT") && !text.contains("pg_sleep"))
        #expect(!text.contains("worker-"))
        // Bound to 127.0.0.1 only: no listening socket on 9187 at another IPv4 address or on IPv6.
        let listening = Self.listeningAddresses(port: 9187)
        #expect(listening == ["127.0.0.1"], "listening on \(listening)")

        // A second pooltop on the same port: one clear line, exit 2, before any load runs.
        let second = try Binary.run(["bench", "--url", url, "--duration", "1s", "--metrics"])
        #expect(second.status == 2)
        #expect(second.stderr == "pooltop: --metrics 127.0.0.1:9187: cannot listen: Address already in use\n", "stderr: \(second.stderr)")

        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        bench.waitUntilExit()
        #expect(bench.terminationStatus == 0, "stderr: \(String(decoding: stderr, as: UTF8.self))")
        #expect(Self.listeningAddresses(port: 9187).isEmpty, "the endpoint outlived pooltop")
        #expect((try? LoopbackHTTP.get(port: 9187, path: "/metrics").body) == nil)
    }

    @Test("a bad --metrics address is one line and exit 2", arguments: ["example.com:80", "127.0.0.1:0"])
    func badAddress(address: String) throws {
        let outcome = try Binary.run(["bench", "--duration", "1s", "--metrics", address])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.split(separator: "\n").count == 1, "stderr: \(outcome.stderr)")
    }

    /// The local addresses of the sockets listening on `port`, from /proc/net/tcp and tcp6 (IPv6 as "v6:HEX").
    static func listeningAddresses(port: Int) -> [String] {
        let portHex = String(format: "%04X", port)
        var found: [String] = []
        for file in ["/proc/net/tcp", "/proc/net/tcp6"] {
            let table = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            for line in table.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                guard fields.count > 3, fields[3] == "0A" else { continue }  // 0A: LISTEN
                let local = fields[1].split(separator: ":")
                guard local.count == 2, local[1] == portHex else { continue }
                if file.hasSuffix("6") {
                    found.append("v6:\(local[0])")
                } else if let raw = UInt32(local[0], radix: 16) {
                    // Little-endian in the file: 0100007F is 127.0.0.1.
                    found.append([raw & 0xFF, raw >> 8 & 0xFF, raw >> 16 & 0xFF, raw >> 24].map(String.init).joined(separator: "."))
                }
            }
        }
        return found
    }
}
