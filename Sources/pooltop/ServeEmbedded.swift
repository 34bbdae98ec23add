import ArgumentParser
import EmbeddedPostgres
import Foundation

/// Starts an embedded cluster, prints how to reach it, and keeps it until SIGTERM or Ctrl-C
/// (`make bench` runs every tool against one such cluster).
struct ServeEmbedded: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve-embedded",
        abstract: "Run a throwaway PostgreSQL cluster until interrupted; prints conninfo= and url= lines.",
        shouldDisplay: false)

    func run() async throws {
        let cluster = try await startEmbeddedCluster()
        FileHandle.standardOutput.write(Data("conninfo=\(cluster.conninfo)\nurl=\(cluster.url)\n".utf8))
        while cluster.isRunning {
            try? await Task.sleep(for: .milliseconds(500))
        }
        throw Failure.runtime("the embedded server stopped unexpectedly")
    }
}
