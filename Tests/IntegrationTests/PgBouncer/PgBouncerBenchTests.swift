import ConnectionPool
import EmbeddedPostgres
import Foundation
import LibPQ
import PgBouncerServer
import Testing
import Workload

/// A bench through a real pgbouncer (2 server connections) with `--pgbouncer`: its report says how many of its
/// connections waited inside pgbouncer, and how long, which its own pool cannot see.
@Suite(.serialized)
struct PgBouncerBenchTests {
    @Test func aBenchThroughPgbouncerReportsTheWaitingInsideIt() async throws {
        let cluster = try await EmbeddedPostgres.shared()
        let bouncer = try await PgBouncerServer.start(in: cluster, poolSize: 2)
        defer { bouncer.stop() }
        let application = uniqueName("bench")
        let options = BenchOptions(
            target: try ConnectionTarget(bouncer.url()), pool: PoolConfiguration(poolSize: 8, maxOverflow: 0),
            load: LoadSettings(workers: 8, mix: QueryMix([.init(.sleep(.milliseconds(20)))])),
            duration: .seconds(3), warmUp: .seconds(1), applicationName: application,
            pgbouncer: try ConnectionTarget(bouncer.adminURL))
        let report = try await Bench.run(options)
        let seen = try #require(report.pgbouncer, "no pgbouncer section in the report")
        #expect(seen.pools == ["postgres/postgres"], "\(seen)")
        // Four a second on an idle machine; as few as one when hundreds of tests share its two cores.
        #expect(seen.polls >= 1 && seen.unavailablePolls == 0, "\(seen)")
        #expect(seen.maxClientsWaiting > 0, "no client seen waiting inside pgbouncer: \(seen)")
        #expect(seen.maxServersActive >= 1 && seen.maxServersActive <= 2, "\(seen)")
        #expect(seen.maxWaitMs > 0, "\(seen)")
        // Eight clients share two servers: a 20 ms statement takes the clients far longer.
        #expect(report.queryMeanMs > 30, "query mean \(report.queryMeanMs) ms")

        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        let section = try #require(json["pgbouncer"] as? [String: Any], "\(report.json())")
        #expect(section["max_cl_waiting"] as? Int == seen.maxClientsWaiting)
        #expect(section["max_maxwait_ms"] as? Double == seen.maxWaitMs)
        #expect(report.summary.contains("clients waiting inside pgbouncer"), "\(report.summary)")
    }
}
