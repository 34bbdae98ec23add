import ConnectionPool
import EmbeddedPostgres
import LibPQ
import PgBouncerServer
import Testing
import Workload

/// pooltop finds the pgbouncer pool serving its own connections by the application_name they sent, which is the
/// target's own when the URL sets one (not the "pooltop" it would otherwise give), and also when pgbouncer appends
/// " - host:port" to it (`application_name_add_host`). Against a real pgbouncer in front of the embedded cluster.
@Suite(.serialized)
struct PgBouncerApplicationNameTests {
    /// Polls `monitor` until the pools serving `application` are `expected` (or 15 s pass); answers the last ones seen.
    func servingPools(_ monitor: PgBouncerMonitor, _ application: String, expected: [String]) async throws -> (served: [String], snapshot: PgBouncerSnapshot) {
        var last = PgBouncerSnapshot()
        let served = try await eventually({ () async -> [String] in
            last = await monitor.poll()
            return last.pools(servingApplication: application).map(\.id).sorted()
        }, until: { $0 == expected })
        return (served, last)
    }

    @Test func aURLsOwnApplicationNameFindsThePoolServingPooltopAndNoOtherClientsPool() async throws {
        let cluster = try await EmbeddedPostgres.shared()
        let bouncer = try await PgBouncerServer.start(in: cluster, poolSize: 2)
        defer { bouncer.stop() }
        let own = uniqueName("shop")
        let session = try await LoadSession.start(
            target: ConnectionTarget(bouncer.url() + "?application_name=\(own)"), configuration: PoolConfiguration(poolSize: 3, maxOverflow: 0),
            settings: LoadSettings(workers: 3, mix: QueryMix([.init(.sleep(.milliseconds(20)))])))
        // Another client of the same pgbouncer, on another database's pool, named as pooltop would name itself.
        let other = try await PostgresConnection.connect(to: ConnectionTarget(bouncer.url(database: "template1")), applicationName: "pooltop")
        _ = try await other.query("SELECT 1")
        let monitor = PgBouncerMonitor(target: try ConnectionTarget(bouncer.adminURL))

        #expect(session.applicationName == own, "the session says it sent \(session.applicationName)")
        let (served, snapshot) = try await servingPools(monitor, session.applicationName, expected: ["postgres/postgres"])
        #expect(served == ["postgres/postgres"], "clients: \(snapshot.clients.map { "\($0.database) \($0.applicationName)" })")
        #expect(snapshot.clients.contains { $0.applicationName == own })
        #expect(snapshot.pools.contains { $0.id == "template1/postgres" }, "the other client's pool is there, not pooltop's")
        // pooltop's fallback name would have found only the other client's pool.
        #expect(snapshot.pools(servingApplication: "pooltop").map(\.id) == ["template1/postgres"])

        other.close()
        await session.stop()
        await monitor.close()
    }

    @Test func aConninfoApplicationNameIsFoundWhenPgbouncerAppendsTheClientsAddress() async throws {
        let cluster = try await EmbeddedPostgres.shared()
        let bouncer = try await PgBouncerServer.start(in: cluster, poolSize: 2, settings: ["application_name_add_host": "1"])
        defer { bouncer.stop() }
        let own = uniqueName("billing")
        let target = try ConnectionTarget("host=127.0.0.1 port=\(bouncer.port) dbname=postgres user=postgres application_name=\(own)")
        let session = try await LoadSession.start(
            target: target, configuration: PoolConfiguration(poolSize: 2, maxOverflow: 0),
            settings: LoadSettings(workers: 2, mix: QueryMix([.init(.sleep(.milliseconds(20)))])))
        let monitor = PgBouncerMonitor(target: try ConnectionTarget(bouncer.adminURL))

        let (served, snapshot) = try await servingPools(monitor, session.applicationName, expected: ["postgres/postgres"])
        #expect(served == ["postgres/postgres"], "clients: \(snapshot.clients.map(\.applicationName))")
        let names = snapshot.clients.filter { $0.database == "postgres" }.map(\.applicationName)
        #expect(names.contains { $0.hasPrefix(own + " - 127.0.0.1:") }, "pgbouncer did not append the address: \(names)")

        await session.stop()
        await monitor.close()
    }

    @Test func aBenchWhoseURLNamesItsApplicationReportsThePgbouncerPoolServingIt() async throws {
        let cluster = try await EmbeddedPostgres.shared()
        let bouncer = try await PgBouncerServer.start(in: cluster, poolSize: 2)
        defer { bouncer.stop() }
        let options = BenchOptions(
            target: try ConnectionTarget(bouncer.url() + "?application_name=\(uniqueName("report"))"),
            pool: PoolConfiguration(poolSize: 4, maxOverflow: 0), load: LoadSettings(workers: 4, mix: QueryMix([.init(.sleep(.milliseconds(10)))])),
            duration: .seconds(2), warmUp: .milliseconds(500), pgbouncer: try ConnectionTarget(bouncer.adminURL))
        let report = try await Bench.run(options)
        let seen = try #require(report.pgbouncer)
        #expect(seen.pools == ["postgres/postgres"], "\(seen)")
        #expect(seen.maxClientsActive + seen.maxClientsWaiting > 0, "\(seen)")
    }
}
