import EmbeddedPostgres
import Foundation
import PgBouncerServer
import Testing

/// The real binary in tmux, its pool running through a real pgbouncer (transaction mode, 2 server connections)
/// that `--pgbouncer` watches: the dashboard shows the pgbouncer pool under pooltop's, and view 6 draws
/// pgbouncer's pools with the numbers SHOW POOLS gives (read with psql at the same moment).
@Suite(.serialized)
struct PgBouncerScreenTests {
    /// The counts of database `postgres`'s pool in a SHOW POOLS read through psql (the console speaks the simple protocol psql uses).
    func showPools(_ cluster: EmbeddedPostgres, _ bouncer: PgBouncerServer) throws -> [String: Int] {
        let output = try spawnAndWait(
            [cluster.binDirectory + "/psql", "-X", "-A", "-F", "|", "-P", "footer=off", "-h", "127.0.0.1", "-p", "\(bouncer.port)",
             "-U", "postgres", "-d", "pgbouncer", "-c", "SHOW POOLS"],
            environment: ["PATH": "/usr/bin:/bin"], readsOutput: true)
        let lines = output.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
        guard let names = lines.first, let row = lines.dropFirst().first(where: { $0.first == "postgres" }) else { return [:] }
        var counts: [String: Int] = [:]
        for (name, value) in zip(names, row) { counts[name] = Int(value) }
        return counts
    }

    /// The pool row of database `postgres` on the pgbouncer view, as numbers by column title.
    static func screenPool(_ screen: String) -> [String: Int]? {
        let lines = screen.split(separator: "\n").map(String.init)
        guard let heading = lines.firstIndex(where: { $0.hasPrefix("DATABASE") && $0.contains("CL_WAIT") }) else { return nil }
        let titles = lines[heading].split(separator: " ").map(String.init)
        guard let row = lines[(heading + 1)...].first(where: { $0.hasPrefix("postgres ") }) else { return nil }
        let cells = row.split(separator: " ").map(String.init)
        guard cells.count == titles.count else { return nil }
        var counts: [String: Int] = [:]
        for (title, cell) in zip(titles, cells) { counts[title] = Int(cell) }
        return counts
    }

    @Test func thePgbouncerViewShowsItsPoolsWithShowPoolsNumbersAndTheDashboardBothLayers() async throws {
        let cluster = try await EmbeddedPostgres.start()
        defer { cluster.stop() }
        let bouncer = try await PgBouncerServer.start(in: cluster, poolSize: 2)
        defer { bouncer.stop() }
        let command = "exec \(Binary.path) --url \(bouncer.url()) --pgbouncer \(bouncer.adminURL) --workers 8 --mix 'sleep(20ms)'"
        let session = try TmuxSession(command: command, width: 140, height: 45)
        defer { session.close() }

        let dashboard = try session.waitForScreen(timeout: .seconds(30)) { $0.contains("pgbouncer postgres/postgres clients active") }
        #expect(dashboard.contains("pgbouncer postgres/postgres clients active"), "no pgbouncer layer on the dashboard:\n\(dashboard)")

        try session.send("6")
        var sawWaiting = false
        var compared = 0
        var last = ""
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline && (compared < 3 || !sawWaiting) {
            last = try session.capture()
            let shown = try showPools(cluster, bouncer)
            guard let pool = Self.screenPool(last), !shown.isEmpty else {
                try await Task.sleep(for: .milliseconds(300))
                continue
            }
            compared += 1
            let servers = (pool["SV_ACT"] ?? 99) + (pool["SV_IDLE"] ?? 99) + (pool["SV_USED"] ?? 99)
            #expect(servers <= 2, "more server connections on screen than default_pool_size:\n\(last)")
            let clients = (pool["CL_ACT"] ?? 0) + (pool["CL_WAIT"] ?? 0)
            let showClients = (shown["cl_active"] ?? 0) + (shown["cl_waiting"] ?? 0)
            // A second apart at most, and the SQLAlchemy pool's overflow comes and goes: the same order of clients.
            #expect(clients >= 1 && clients <= 16 && showClients >= 1 && showClients <= 16, "screen \(pool), SHOW POOLS \(shown)")
            if (pool["CL_WAIT"] ?? 0) > 0 { sawWaiting = true }
            try await Task.sleep(for: .milliseconds(500))
        }
        #expect(compared >= 3, "the pgbouncer view never showed the pool of database postgres:\n\(last)")
        #expect(sawWaiting, "no client was ever shown waiting inside pgbouncer:\n\(last)")
        #expect(last.contains("PgBouncer 1."), "no version on the view:\n\(last)")
        #expect(last.contains("BACKEND") && last.contains("active"), "no server/client links:\n\(last)")

        try session.send("q")
        #expect(try eventually(timeout: .seconds(15)) { try session.paneIsDead() }, "pooltop still running after q")
    }

    @Test func aPgbouncerThatGoesAwayIsSaidOnTheViewAndSeenAgainWhenItIsBack() async throws {
        let cluster = try await EmbeddedPostgres.shared()
        let bouncer = try await PgBouncerServer.start(in: cluster, poolSize: 2)
        defer { bouncer.stop() }
        // pooltop's own pool goes to the server directly: only the watched console goes away.
        let command = "exec \(Binary.path) --url \(cluster.url) --pgbouncer \(bouncer.adminURL) --workers 2"
        let session = try TmuxSession(command: command, width: 120, height: 40)
        defer { session.close() }
        let dashboard = try session.waitForScreen(timeout: .seconds(30)) { $0.contains("pgbouncer serves none of pooltop's connections") }
        #expect(dashboard.contains("pgbouncer serves none of pooltop's connections"), "\(dashboard)")
        try session.send("6")
        let up = try session.waitForScreen(timeout: .seconds(15)) { $0.contains("PgBouncer 1.") && $0.contains("CL_WAIT") }
        #expect(up.contains("CL_WAIT"), "no pools on the pgbouncer view:\n\(up)")

        bouncer.stopProgram()
        let down = try session.waitForScreen(timeout: .seconds(15)) { $0.contains("n/a: pgbouncer unreachable — ") }
        #expect(down.contains("n/a: pgbouncer unreachable — "), "the view does not say pgbouncer is unreachable:\n\(down)")
        #expect(!down.contains("CL_WAIT"), "the view still shows pools:\n\(down)")

        try await bouncer.startAgain()
        let back = try session.waitForScreen(timeout: .seconds(15)) { $0.contains("CL_WAIT") && !$0.contains("unreachable") }
        #expect(back.contains("CL_WAIT") && !back.contains("n/a: pgbouncer"), "pgbouncer not seen again:\n\(back)")
        // The dashboard's log tells the outage, as it does the server's.
        try session.send("1")
        let logged = try session.waitForScreen(timeout: .seconds(10)) { $0.contains("pgbouncer unreachable: ") && $0.contains("pgbouncer back after") }
        #expect(logged.contains("pgbouncer unreachable: ") && logged.contains("pgbouncer back after"), "no pgbouncer events in the log:\n\(logged)")

        try session.send("q")
        #expect(try eventually(timeout: .seconds(15)) { try session.paneIsDead() }, "pooltop still running after q")
    }
}
