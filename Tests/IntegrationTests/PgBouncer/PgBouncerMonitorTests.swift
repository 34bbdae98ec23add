import ConnectionPool
import EmbeddedPostgres
import LibPQ
import PgBouncerServer
import Testing
import Workload

/// The pgbouncer monitor against a real pgbouncer (transaction mode, 2 server connections a pool) in front of
/// the embedded cluster, while pooltop's own pool of 6 runs 50 ms sleeps through it: more clients than servers,
/// so clients wait inside pgbouncer.
@Suite(.serialized)
struct PgBouncerMonitorTests {
    static let poolSize = 2

    /// SHOW POOLS as the test reads it over its own admin session: the pool of database `postgres`.
    func showPools(_ admin: PostgresConnection) async throws -> PgBouncerPool? {
        let result = try await admin.query("SHOW POOLS")
        let names = result.columns.map(\.name)
        let database = try #require(names.firstIndex(of: "database"))
        guard let row = result.rows.first(where: { $0[database] == "postgres" }) else { return nil }
        func count(_ column: String) -> Int { names.firstIndex(of: column).flatMap { row[$0] }.flatMap { Int($0) } ?? -1 }
        return PgBouncerPool(
            database: "postgres", user: "postgres", clientsActive: count("cl_active"), clientsWaiting: count("cl_waiting"),
            serversActive: count("sv_active"), serversIdle: count("sv_idle"), serversUsed: count("sv_used"))
    }

    @Test func theMonitorsPoolsMatchShowPoolsDuringAnOverloadAndTheLinksPairServersWithClients() async throws {
        let cluster = try await EmbeddedPostgres.shared()
        let bouncer = try await PgBouncerServer.start(in: cluster, poolSize: Self.poolSize)
        defer { bouncer.stop() }
        let application = uniqueName("bounced")
        let session = try await LoadSession.start(
            target: ConnectionTarget(bouncer.url()), configuration: PoolConfiguration(poolSize: 6, maxOverflow: 0),
            settings: LoadSettings(workers: 6, mix: QueryMix([.init(.sleep(.milliseconds(50)))])), applicationName: application)
        let monitor = PgBouncerMonitor(target: try ConnectionTarget(bouncer.adminURL))
        let admin = try await PostgresConnection.connect(to: ConnectionTarget(bouncer.adminURL), applicationName: "test-admin")
        defer { admin.close() }

        // Until the pool has opened its six connections: from then on pgbouncer has the same six clients.
        let warm = try await eventually({ try await showPools(admin) }, until: { ($0?.clientsActive ?? 0) + ($0?.clientsWaiting ?? 0) == 6 })
        #expect(warm.map { $0.clientsActive + $0.clientsWaiting } == 6, "pooltop's pool never had its six clients: \(String(describing: warm))")
        var sawWaiting = false
        var sawActiveLink = false
        var polls = 0
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline && (polls < 10 || !sawWaiting || !sawActiveLink) {
            polls += 1
            let snapshot = await monitor.poll()
            let shown = try #require(try await showPools(admin), "SHOW POOLS has no row for database postgres")
            #expect(snapshot.unavailable == nil, "\(snapshot.unavailable ?? "")")
            let pool = try #require(snapshot.pools.first { $0.database == "postgres" && $0.user == "postgres" },
                                    "the monitor has no pool postgres/postgres: \(snapshot.pools.map(\.id))")
            // Read a moment apart under a moving load: both within the pool's limits, the clients the same six.
            for servers in [pool.serversActive + pool.serversIdle + pool.serversUsed,
                            shown.serversActive + shown.serversIdle + shown.serversUsed] {
                #expect(servers <= Self.poolSize, "more server connections than default_pool_size: \(pool) / \(shown)")
            }
            #expect(pool.clientsActive + pool.clientsWaiting == shown.clientsActive + shown.clientsWaiting,
                    "the clients differ: monitor \(pool), SHOW POOLS \(shown)")
            #expect(abs(pool.clientsWaiting - shown.clientsWaiting) <= 6)
            if pool.clientsWaiting > 0 { sawWaiting = true }
            #expect(snapshot.pools(servingApplication: application).map(\.id) == ["postgres/postgres"])
            for link in snapshot.links where link.server.state == "active" {
                let client = try #require(link.client, "active server \(link.server.pointer) has no client")
                // The server's link is its client's ptr (the client's own row, read a moment earlier, may already be stale).
                #expect(link.server.link == client.pointer)
                #expect(client.applicationName == application, "the server serves \(client.applicationName), not pooltop's pool")
                sawActiveLink = true
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        await session.stop()
        await monitor.close()
        #expect(sawWaiting, "no client was ever seen waiting inside pgbouncer in \(polls) polls")
        #expect(sawActiveLink, "no active server was ever seen linked to a client")
        let samples = await monitor.poll().samples
        #expect(samples.count >= polls, "one sample per poll")
    }

    @Test func anUnreachablePgbouncerIsNamedAndTheMonitorReconnectsWhenItIsBack() async throws {
        let cluster = try await EmbeddedPostgres.shared()
        let bouncer = try await PgBouncerServer.start(in: cluster, poolSize: Self.poolSize)
        defer { bouncer.stop() }
        let monitor = PgBouncerMonitor(target: try ConnectionTarget(bouncer.adminURL))
        let first = await monitor.poll()
        #expect(first.unavailable == nil && first.version?.hasPrefix("PgBouncer") == true, "\(first)")

        bouncer.stopProgram()
        let down = try await eventually({ await monitor.poll() }, until: { $0.unavailable != nil })
        let reason = try #require(down.unavailable)
        #expect(reason.hasPrefix("n/a: pgbouncer unreachable — "), "\(reason)")
        #expect(down.reachability.isUnreachable)
        #expect(down.version == first.version, "the version is forgotten while pgbouncer is away")
        let lost = await monitor.takeEvents()
        #expect(lost.count == 1 && lost.first?.subject == .pgbouncer, "\(lost)")
        if case .unreachable = lost.first?.kind {} else { Issue.record("no unreachable event: \(lost)") }

        try await bouncer.startAgain()
        let back = try await eventually({ await monitor.poll() }, until: { $0.unavailable == nil })
        #expect(back.unavailable == nil, "still unavailable after pgbouncer came back: \(back.unavailable ?? "")")
        #expect(back.pools.contains { $0.database == PgBouncerSnapshot.adminDatabase }, "\(back.pools.map(\.id))")
        let returned = await monitor.takeEvents()
        #expect(returned.count == 1 && returned.first?.subject == .pgbouncer, "\(returned)")
        if case .back = returned.first?.kind {} else { Issue.record("no back event: \(returned)") }
        await monitor.close()
    }
}
