import EmbeddedPostgres
import Foundation
import LoopbackHTTP

/// A real Prometheus (Debian's `prometheus` package, installed by scripts/deps.sh) on 127.0.0.1, with a
/// temporary config and storage folder, scraping one target every second. It runs as whoever runs the
/// tests (it does not refuse root). `stop()` ends it and removes the folder.
final class PrometheusServer: Sendable {
    let port: Int
    let folder: String
    private let process: Process

    private init(port: Int, folder: String, process: Process) {
        self.port = port
        self.folder = folder
        self.process = process
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static var executable: String? {
        ["/usr/bin/prometheus", "/usr/local/bin/prometheus"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts Prometheus scraping `http://target/metrics` every second; returns once it is ready.
    static func start(scraping target: String) async throws -> PrometheusServer {
        guard let executable else { throw Failure(description: "prometheus is not installed (scripts/deps.sh installs it)") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pooltop-prometheus-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
        let config = """
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: pooltop
                static_configs:
                  - targets: ['\(target)']
            """
        try config.write(toFile: folder + "/prometheus.yml", atomically: true, encoding: .utf8)
        // Another process may take the free port first: try a few.
        for _ in 1...3 {
            let port = try LoopbackPort.free()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = [
                "--config.file=\(folder)/prometheus.yml", "--storage.tsdb.path=\(folder)/data",
                "--web.listen-address=127.0.0.1:\(port)", "--log.level=warn",
            ]
            _ = FileManager.default.createFile(atPath: folder + "/prometheus.log", contents: nil)
            let log = try FileHandle(forWritingTo: URL(fileURLWithPath: folder + "/prometheus.log"))
            process.standardOutput = log
            process.standardError = log
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let server = PrometheusServer(port: port, folder: folder, process: process)
            if try await server.becameReady() { return server }
            server.stop(removing: false)
        }
        let log = (try? String(contentsOfFile: folder + "/prometheus.log", encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: folder)
        throw Failure(description: "prometheus did not start: \(log.suffix(500))")
    }

    /// Polls /-/ready for up to 30 s; false if the process exited first (its port was taken).
    private func becameReady() async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if !process.isRunning { return false }
            if (try? LoopbackHTTP.get(port: port, path: "/-/ready", timeoutSeconds: 2))?.status == 200 { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    func stop() { stop(removing: true) }

    private func stop(removing: Bool) {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        if removing { try? FileManager.default.removeItem(atPath: folder) }
    }

    /// One series of an instant query's answer.
    struct Series: Sendable {
        var labels: [String: String]
        var value: Double
    }

    /// Asks the HTTP API (`/api/v1/query`) for `expression` now.
    func query(_ expression: String) async throws -> [Series] {
        var components = URLComponents()
        components.path = "/api/v1/query"
        components.queryItems = [URLQueryItem(name: "query", value: expression)]
        // URLComponents leaves '+' alone, which a query string reads as a space.
        let path = (components.string ?? "").replacingOccurrences(of: "+", with: "%2B")
        let response = try LoopbackHTTP.get(port: port, path: path)
        let body = Data(response.body.utf8)
        let status = response.status
        guard status == 200,
              let answer = try JSONSerialization.jsonObject(with: body) as? [String: Any],
              answer["status"] as? String == "success",
              let data = answer["data"] as? [String: Any],
              let result = data["result"] as? [[String: Any]]
        else { throw Failure(description: "query \(expression): HTTP \(status): \(response.body)") }
        return result.map { item in
            let labels = item["metric"] as? [String: String] ?? [:]
            let pair = item["value"] as? [Any] ?? []
            let value = (pair.last as? String).flatMap(Double.init) ?? .nan
            return Series(labels: labels, value: value)
        }
    }

    /// The one value `expression` has now, nil when it has none (not scraped yet) or several.
    func value(_ expression: String) async throws -> Double? {
        let series = try await query(expression)
        return series.count == 1 ? series[0].value : nil
    }

}
