import Foundation
import LibPQ
import Synchronization
import Testing

/// A by-hand comparison with pgbench, not a unit test: `POOLTOP_BENCH=1 swift test --filter
/// ThroughputCheck` runs `SELECT 1` from 32 tasks over 15 connections for 5 s, then
/// `pgbench -n -c 15 -j 2 -T 5` with the same script against the same server, and prints both.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["POOLTOP_BENCH"] != nil))
struct ThroughputCheck {
    @Test func selectOneAgainstPgbench() async throws {
        let seconds = Int(ProcessInfo.processInfo.environment["POOLTOP_BENCH_SECONDS"] ?? "") ?? 5
        let ours = try await selectOneRate(connections: 15, tasks: 32, seconds: seconds)
        let theirs = try pgbenchRate(clients: 15, threads: 2, seconds: seconds)
        let ratio = ours / theirs
        print("THROUGHPUT SELECT 1: LibPQ \(Int(ours)) qps, pgbench \(Int(theirs)) qps, ratio \((ratio * 100).rounded() / 100)")
        #expect(ours > 0 && theirs > 0)
    }

    private func selectOneRate(connections: Int, tasks: Int, seconds: Int) async throws -> Double {
        let queue = try await ConnectionQueue.connect(count: connections)
        defer { queue.closeAll() }
        let count = Counter()
        let stop = StopFlag()
        let clock = ContinuousClock()
        let started = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<tasks {
                group.addTask {
                    while !stop.isRaised {
                        _ = try await queue.withConnection { try await $0.query("SELECT 1") }
                        count.increment()
                    }
                }
            }
            try await Task.sleep(for: .seconds(seconds))
            stop.raise()
            try await group.waitForAll()
        }
        let elapsed = clock.now - started
        let total = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Double(count.value) / total
    }

    private func pgbenchRate(clients: Int, threads: Int, seconds: Int) throws -> Double {
        let conninfo = try awaitServer()
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("pooltop-select1-\(getpid()).sql")
        try "SELECT 1;\n".write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let process = Process()
        let candidates = ["/usr/lib/postgresql/15/bin/pgbench", "/usr/bin/pgbench"]
        process.executableURL = URL(fileURLWithPath: try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) }))
        process.arguments = ["-n", "-c", "\(clients)", "-j", "\(threads)", "-T", "\(seconds)", "-f", script.path, conninfo]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("tps = ") })
        return try #require(Double(line.dropFirst(6).prefix { $0 != " " }))
    }

    private func awaitServer() throws -> String {
        let box = Mutex<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            let conninfo = try? await testServer().conninfo
            box.withLock { $0 = conninfo }
            done.signal()
        }
        done.wait()
        return try #require(box.withLock { $0 })
    }
}
