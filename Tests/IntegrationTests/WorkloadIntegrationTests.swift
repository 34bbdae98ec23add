import ConnectionPool
import Foundation
import LibPQ
import Testing
@testable import Workload

/// The load, the bench and the server monitor against the real embedded server.
@Suite("Workload against a real server")
struct WorkloadIntegrationTests {
    static let contractIntegers = [
        "workers", "pool_size", "max_overflow", "queries", "errors", "timeouts", "connections_opened", "peak_in_use",
        "peak_overflow",
    ]
    static let contractNumbers = ["seconds", "qps", "wait_p50_ms", "wait_p99_ms", "wait_max_ms", "wait_mean_ms", "fairness"]

    static func decode(_ json: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    static func integer(_ object: [String: Any], _ key: String) throws -> Int {
        let number = try #require(object[key] as? NSNumber, "\(key) is missing or not a number")
        #expect(Double(number.intValue) == number.doubleValue, "\(key) is not an integer")
        return number.intValue
    }

    static func number(_ object: [String: Any], _ key: String) throws -> Double {
        try #require(object[key] as? NSNumber, "\(key) is missing or not a number").doubleValue
    }

    @Test func shortBenchPrintsTheContractJSONWithConsistentFigures() async throws {
        let workers = 4
        let pool = try #require(PoolConfiguration.preset(named: "sqlalchemy"))
        let options = BenchOptions(
            target: try await serverTarget(), pool: pool, load: LoadSettings(workers: workers), duration: .milliseconds(2500),
            warmUp: .milliseconds(200), applicationName: uniqueName("bench"))
        let report = try await Bench.run(options)
        let object = try Self.decode(report.json(pretty: true))
        #expect(try Self.decode(report.json()).count == object.count)

        for key in Self.contractIntegers { _ = try Self.integer(object, key) }
        for key in Self.contractNumbers { _ = try Self.number(object, key) }
        #expect(object["query"] as? String == "SELECT 1")
        #expect(try Self.integer(object, "workers") == workers)
        #expect(try Self.integer(object, "pool_size") == pool.poolSize)
        #expect(try Self.integer(object, "max_overflow") == pool.maxOverflow)

        let queries = try Self.integer(object, "queries")
        let seconds = try Self.number(object, "seconds")
        let qps = try Self.number(object, "qps")
        #expect(queries > 0)
        #expect(try Self.integer(object, "errors") == 0)
        #expect(try Self.integer(object, "timeouts") == 0)
        #expect(seconds >= options.duration.seconds)
        // qps is queries / seconds, rounded to 0.1.
        #expect(abs(qps - Double(queries) / seconds) <= 0.05 + 1e-9, "qps \(qps) vs \(queries) / \(seconds)")

        let fairness = try Self.number(object, "fairness")
        #expect(fairness > 0 && fairness <= 1)
        let peakInUse = try Self.integer(object, "peak_in_use")
        let capacity = try #require(pool.maxConnections)
        #expect(peakInUse >= 1 && peakInUse <= min(workers, capacity))
        #expect(try Self.integer(object, "peak_overflow") <= pool.maxOverflow)
        // Only what opened while measuring counts (none once the warm-up has opened all four); nothing closes here.
        #expect(try Self.integer(object, "connections_opened") <= Self.integer(object, "peak_open"))
        for (low, high) in [("wait_p50_ms", "wait_p99_ms"), ("wait_p99_ms", "wait_max_ms")] {
            #expect(try Self.number(object, low) <= Self.number(object, high), "\(low) > \(high)")
        }

        // About one timeline entry per measured second, numbered from 1.
        let timeline = try #require(object["timeline"] as? [[String: Any]])
        #expect(abs(Double(timeline.count) - seconds) <= 1, "\(timeline.count) entries for \(seconds) s")
        #expect(timeline.compactMap { ($0["second"] as? NSNumber)?.intValue } == timeline.indices.map { $0 + 1 })
        for entry in timeline {
            for key in ["qps", "errors", "timeouts", "wait_p50_ms", "wait_p99_ms", "in_use", "idle", "overflow", "waiters"] {
                #expect(entry[key] is NSNumber, "timeline entry lacks \(key)")
            }
        }
        #expect(timeline.reduce(0) { $0 + (($1["qps"] as? NSNumber)?.doubleValue ?? 0) } > 0)
    }

    @Test func noPoolModeOpensOneServerSessionPerQueryAndReportsNoPool() async throws {
        let probe = try await ServerProbe.open()
        defer { probe.close() }
        let (table, mix) = try await Self.backendRecordingMix(probe, name: "no_pool_pids")
        let options = BenchOptions(
            target: try await serverTarget(), pool: .sqlalchemy, load: LoadSettings(workers: 2, mix: mix), mode: .noPool,
            duration: .seconds(1), warmUp: .zero, applicationName: uniqueName("no_pool"))
        let report = try await Bench.run(options)
        let object = try Self.decode(report.json())

        let queries = try Self.integer(object, "queries")
        #expect(queries > 0)
        #expect(try Self.integer(object, "errors") == 0)
        // Every statement the load ran came from a backend of its own.
        let rows = try #require(try await probe.integer("SELECT count(*) FROM \(table)"))
        let backends = try #require(try await probe.integer("SELECT count(DISTINCT pid) FROM \(table)"))
        #expect(rows >= queries)
        #expect(backends == rows, "\(rows) statements ran on only \(backends) backends")
        // One connection per query; each worker's first may have opened before the measurement started.
        #expect(try Self.integer(object, "connections_opened") + options.load.workers >= queries)
        // And the report shows no pool.
        #expect(object["mode"] as? String == "no-pool")
        #expect(object["preset"] as? String == "none")
        #expect(try Self.integer(object, "pool_size") == 0)
        #expect(try Self.integer(object, "max_overflow") == 0)
        #expect(try Self.integer(object, "peak_overflow") == 0)
        try await probe.execute("DROP TABLE \(table)")
    }

    @Test func noPoolSessionHasNoPoolWhileThePooledOneReusesItsBackends() async throws {
        let probe = try await ServerProbe.open()
        defer { probe.close() }
        let (table, mix) = try await Self.backendRecordingMix(probe, name: "pooled_pids")
        let settings = LoadSettings(workers: 2, thinkTime: .milliseconds(2), mix: mix)
        let target = try await serverTarget()

        let direct = try await LoadSession.start(
            target: target, configuration: .sqlalchemy, settings: settings, mode: .noPool, applicationName: uniqueName("direct"))
        #expect(direct.pool == nil)
        #expect(direct.generator.mode == .noPool)
        await direct.stop()

        let pooled = try await LoadSession.start(
            target: target, configuration: .sqlalchemy, settings: settings, mode: .pool, applicationName: uniqueName("pooled"))
        let pool = try #require(pooled.pool)
        try await probe.execute("TRUNCATE \(table)")
        let rows = try await eventually({ try await probe.integer("SELECT count(*) FROM \(table)") ?? 0 }, until: { $0 > 50 })
        await pooled.stop()
        #expect(rows > 50)
        let backends = try #require(try await probe.integer("SELECT count(DISTINCT pid) FROM \(table)"))
        #expect(backends <= settings.workers, "the pool used \(backends) backends for \(settings.workers) workers")
        #expect(pool.snapshot().counters.connects <= settings.workers)
        try await probe.execute("DROP TABLE \(table)")
    }

    /// The sum of every worker's query count (live, not per-second).
    /// A fresh table and a mix whose every statement records the backend pid it ran on there.
    static func backendRecordingMix(_ probe: ServerProbe, name: String) async throws -> (table: String, mix: QueryMix) {
        let table = uniqueName(name)
        try await probe.execute("CREATE TABLE \(table) (pid integer NOT NULL)")
        return (table, QueryMix([.init(.custom("INSERT INTO \(table) (pid) VALUES (pg_backend_pid())"))]))
    }

    static func workerQueries(_ generator: PostgresLoadGenerator) -> Int {
        generator.snapshot().workers.reduce(0) { $0 + $1.queries }
    }

    /// Pauses the load and waits until nothing runs any more (no check-out held, no worker running).
    static func pauseAndSettle(_ session: LoadSession) async throws {
        session.generator.update { $0.paused = true }
        let settled = try await eventually({
            (session.pool?.snapshot().inUse ?? 0, session.generator.snapshot().workers.filter { $0.state == .running }.count)
        }, until: { $0 == (0, 0) })
        #expect(settled == (0, 0), "still running after pause: \(settled)")
    }

    @Test func workersPauseAndMixChangeWhileTheLoadRuns() async throws {
        let probe = try await ServerProbe.open()
        defer { probe.close() }
        let table = uniqueName("mix_marker")
        try await probe.execute("CREATE TABLE \(table) (v integer)")
        let session = try await LoadSession.start(
            target: try await serverTarget(), configuration: .sqlalchemy,
            settings: LoadSettings(workers: 2, thinkTime: .milliseconds(2), mix: QueryMix([.init(.sleep(.milliseconds(2)))])),
            applicationName: uniqueName("runtime"))
        let generator = session.generator

        // Workers 2 → 6: six workers, all of them running queries.
        #expect(try await eventually({ generator.snapshot().workers.count }, until: { $0 == 2 }) == 2)
        generator.update { $0.workers = 6 }
        let grown = try await eventually({ generator.snapshot().workers }, until: { $0.count == 6 && $0.allSatisfy { $0.queries > 0 } })
        #expect(grown.map(\.id) == Array(1...6))
        #expect(grown.allSatisfy { $0.queries > 0 })

        // The mix changes: the new statement reaches the server (nothing wrote the table before).
        #expect(try await probe.integer("SELECT count(*) FROM \(table)") == 0)
        generator.update { $0.mix = QueryMix([.init(.custom("INSERT INTO \(table) VALUES (1)"))]) }
        #expect(try await eventually({ try await probe.integer("SELECT count(*) FROM \(table)") ?? 0 }, until: { $0 > 0 }) > 0)

        // Paused: the query count stops growing, on the load's side and on the server's.
        try await Self.pauseAndSettle(session)
        let queriesAtPause = Self.workerQueries(generator)
        let rowsAtPause = try await probe.integer("SELECT count(*) FROM \(table)")
        try await Task.sleep(for: .milliseconds(300))
        #expect(Self.workerQueries(generator) == queriesAtPause)
        #expect(try await probe.integer("SELECT count(*) FROM \(table)") == rowsAtPause)
        #expect(generator.snapshot().workers.allSatisfy { $0.state == .idle })

        // Resumed with fewer workers: queries flow again from the one worker left.
        generator.update {
            $0.paused = false
            $0.workers = 1
        }
        let rows = try await eventually({ try await probe.integer("SELECT count(*) FROM \(table)") ?? 0 }, until: { $0 > (rowsAtPause ?? 0) })
        #expect(rows > (rowsAtPause ?? 0))
        #expect(try await eventually({ generator.snapshot().workers.map(\.id) }, until: { $0 == [1] }) == [1])
        await session.stop()
        #expect(generator.snapshot().errors == 0)
        try await probe.execute("DROP TABLE \(table)")
    }

    @Test func readWriteMixCreatesItsTableCountsEveryCommitAndDropsTheTableAtStop() async throws {
        let probe = try await ServerProbe.open()
        defer { probe.close() }
        let session = try await LoadSession.start(
            target: try await serverTarget(), configuration: .sqlalchemy,
            settings: LoadSettings(workers: 3, thinkTime: .milliseconds(2), mix: QueryMix([.init(.readWrite)])),
            applicationName: uniqueName("rw"))
        let table = session.generator.readWrite.name
        let exists = "SELECT count(*) FROM pg_class WHERE relname = $1"
        #expect(try await eventually({ try await probe.integer(exists, [table]) }, until: { $0 == 1 }) == 1)
        let sum = "SELECT coalesce(sum(n), 0) FROM \(table)"
        #expect(try await eventually({ try await probe.integer(sum) ?? 0 }, until: { $0 > 20 }) > 20)
        #expect(try await probe.integer("SELECT count(*) FROM \(table)") == ReadWriteTable.rows)

        // Every committed transaction added one to one row: the table's sum is the load's query count.
        try await Self.pauseAndSettle(session)
        let workers = session.generator.snapshot().workers
        #expect(workers.allSatisfy { $0.errors == 0 }, "\(workers.compactMap(\.lastError))")
        #expect(try await probe.integer(sum) == Self.workerQueries(session.generator))

        await session.stop()
        #expect(try await probe.integer(exists, [table]) == 0, "\(table) left behind")
    }

    @Test func serverMonitorSeesThePoolsBackends() async throws {
        let application = uniqueName("monitored")
        let session = try await LoadSession.start(
            target: try await serverTarget(), configuration: .sqlalchemy,
            settings: LoadSettings(workers: 3, mix: QueryMix([.init(.sleep(.milliseconds(50)))])), applicationName: application)
        let pool = try #require(session.pool)
        let monitor = ServerMonitor(target: try await serverTarget())

        // Once the pool has opened what the load needs, the monitor lists exactly the pool's backends.
        let seen = try await eventually({ () async -> (pool: Set<Int32>, server: Set<Int32>) in
            let server = await monitor.poll()
            return (poolBackendPIDs(pool), Set(server.backends.filter { $0.applicationName == application }.map(\.pid)))
        }, until: { $0.pool.count == 3 && $0.pool == $0.server })
        #expect(seen.pool.count == 3)
        #expect(seen.server == seen.pool)

        // And it sees what they run.
        let active = try await eventually({ await monitor.poll() }, until: { snapshot in
            snapshot.backends.contains { $0.applicationName == application && $0.state == "active" && $0.query.contains("pg_sleep") }
        })
        #expect(active.unavailable == nil)
        #expect(active.backends.contains { $0.applicationName == application && $0.state == "active" && $0.query.contains("pg_sleep") })
        #expect((active.connections ?? 0) >= seen.pool.count)
        #expect(active.maxConnections != nil && active.serverVersion != nil)
        await monitor.close()
        await session.stop()
    }
}
