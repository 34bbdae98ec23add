import EmbeddedPostgres
import Foundation
import PgBouncerServer
import Testing

/// The dashboard's pgbouncer layer when `--url` names its own application_name: still the pool serving pooltop.
extension PgBouncerScreenTests {
    @Test func theDashboardFindsItsPgbouncerPoolWhenTheURLSetsItsOwnApplicationName() async throws {
        let cluster = try await EmbeddedPostgres.start()
        defer { cluster.stop() }
        let bouncer = try await PgBouncerServer.start(in: cluster, poolSize: 2)
        defer { bouncer.stop() }
        let url = bouncer.url() + "?application_name=shop-api"
        let command = "exec \(Binary.path) --no-config --url '\(url)' --pgbouncer \(bouncer.adminURL) --workers 4 --mix 'sleep(20ms)'"
        let session = try TmuxSession(command: command, width: 140, height: 45)
        defer { session.close() }

        // Before the fix the line said "serves none of pooltop's connections" for as long as it ran.
        let dashboard = try session.waitForScreen(timeout: .seconds(30)) { $0.contains("pgbouncer postgres/postgres clients active") }
        #expect(dashboard.contains("pgbouncer postgres/postgres clients active"), "no pgbouncer layer on the dashboard:\n\(dashboard)")

        try session.send("q")
        #expect(try eventually(timeout: .seconds(15)) { try session.paneIsDead() }, "pooltop still running after q")
    }
}
