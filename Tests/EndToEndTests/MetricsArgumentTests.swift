import EmbeddedPostgres
import Foundation
import LoopbackHTTP
import Testing

/// `--metrics`'s optional address on the real binary (swift-argument-parser's `defaultAsFlag`): alone before
/// another option, alone last, `=ADDR` and `ADDR` all serve where they should; the throwaway cluster's default pool
/// name; the exposition's order. In `MetricsCommandTests`' suite, which is serialized: some use port 9187.
extension MetricsCommandTests {
    /// `pooltop bench ARGUMENTS` started (no PG* variables, stdout discarded), and the pipe its stderr goes to.
    static func startBench(_ arguments: [String]) throws -> (Process, Pipe) {
        let bench = Process()
        bench.executableURL = URL(fileURLWithPath: Binary.path)
        bench.arguments = ["bench"] + arguments
        bench.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        bench.standardInput = FileHandle.nullDevice
        bench.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        bench.standardError = errors
        try bench.run()
        return (bench, errors)
    }

    /// Runs `pooltop bench ARGUMENTS` and answers the first body `port` serves while it runs, and its exit status.
    static func scrapeDuringBench(_ arguments: [String], port: Int) async throws -> (body: String?, status: Int32, stderr: String) {
        let (bench, errors) = try startBench(arguments)
        defer { if bench.isRunning { bench.terminate(); bench.waitUntilExit() } }
        var body: String?
        let deadline = ContinuousClock.now + .seconds(60)
        while bench.isRunning, ContinuousClock.now < deadline {
            // A body that already counts connections: the pool has started.
            if let text = try? LoopbackHTTP.get(port: port, path: "/metrics").body, text.contains("db_client_connection_count{") {
                body = text
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        bench.waitUntilExit()
        return (body, bench.terminationStatus, stderr)
    }

    @Test("--metrics with and without an address: before an option, last, =ADDR and ADDR", .timeLimit(.minutes(3)))
    func optionalAddress() async throws {
        let cluster = try await EmbeddedPostgres.start()
        defer { cluster.stop() }
        let common = ["--no-config", "--url", cluster.url, "--workers", "4", "--duration", "3s", "--warmup", "0s"]

        let beforeOption = try await Self.scrapeDuringBench(common + ["--metrics", "--pool-size", "3"], port: 9187)
        #expect(beforeOption.status == 0, "stderr: \(beforeOption.stderr)")
        let body = try #require(beforeOption.body, "--metrics --pool-size 3: nothing on 9187")
        #expect(body.contains("db_client_connection_idle_max{db_client_connection_pool_name=\"127.0.0.1:\(cluster.port)/postgres\"} 3.0"),
                "--pool-size 3 was read as an option, not as --metrics' address")

        let last = try await Self.scrapeDuringBench(common + ["--pool-size", "2", "--metrics"], port: 9187)
        #expect(last.status == 0, "stderr: \(last.stderr)")
        #expect(last.body?.contains("db_client_connection_idle_max{") == true, "--metrics last: nothing on 9187")

        for form in ["equals", "separate"] {
            let port = try LoopbackPort.free()
            let arguments = form == "equals" ? ["--metrics=127.0.0.1:\(port)"] : ["--metrics", "127.0.0.1:\(port)"]
            let outcome = try await Self.scrapeDuringBench(common + arguments, port: port)
            #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
            #expect(outcome.body != nil, "\(arguments): nothing on \(port)")
        }
    }

    @Test("the throwaway cluster's default pool name is embedded/postgres; the series come out sorted", .timeLimit(.minutes(3)))
    func embeddedPoolNameAndOrder() async throws {
        let port = try LoopbackPort.free()
        let outcome = try await Self.scrapeDuringBench(
            ["--no-config", "--workers", "4", "--duration", "4s", "--warmup", "0s", "--metrics", ":\(port)"], port: port)
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        let body = try #require(outcome.body)
        #expect(body.contains("db_client_connection_count{db_client_connection_pool_name=\"embedded/postgres\",db_client_connection_state=\"idle\"}"))
        #expect(!body.contains("pooltop-pg-"), "no socket folder in a label")
        let families = body.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map { String($0.split(separator: " ")[2]) }
        #expect(families.count > 10 && families == families.sorted(), "\(families)")
    }
}
