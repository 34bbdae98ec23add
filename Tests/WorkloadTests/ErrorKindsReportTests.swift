import ConnectionPool
import Foundation
import Testing
@testable import Workload

/// The bench's failures by kind: in the JSON object and the summary, and how `report` derives them.
@Suite struct ErrorKindsReportTests {
    func measurement(_ totals: IntervalCounts, connections: ConnectionCounts) -> LoadMeasurement {
        LoadMeasurement(
            elapsed: .seconds(2), totals: totals, waits: WaitHistogram.make(), workers: [], samples: [],
            peaks: LoadPeaks(), dropped: 0, connectionsOpened: 3, connections: connections)
    }

    @Test func reportSplitsTheErrorsByKindAndTakesThePoolsCounts() throws {
        var totals = IntervalCounts()
        totals.queries = 100
        totals.errors = 7
        totals.lostConnections = 5
        totals.timeouts = 2
        let connections = ConnectionCounts(connectFailures: 9, refused: 8, serverFull: 1, lost: 5)
        let report = Bench.report(
            measurement(totals, connections: connections), pool: PoolConfiguration(), load: LoadSettings(), mode: .pool,
            warmUp: .zero)
        let kinds = report.errorKinds
        #expect(kinds.connectionLost == 5)
        #expect(kinds.query == 2)
        #expect(kinds.connectionLost + kinds.query + kinds.connect == report.errors)
        #expect(kinds.checkoutTimeout == report.timeouts)
        #expect(kinds.poolConnectFailures == 9 && kinds.poolConnectRefused == 8 && kinds.poolServerFull == 1)
        #expect(kinds.poolConnectionsLost == 5)

        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        let byKind = try #require(object["errors_by_kind"] as? [String: Int])
        #expect(byKind == [
            "connection_lost": 5, "query": 2, "connect": 0, "checkout_timeout": 2, "pool_connect_failures": 9,
            "pool_connect_refused": 8, "pool_server_full": 1, "pool_connections_lost": 5,
        ])
        #expect(report.summary.contains("5 connection lost, 2 query, 2 checkout timeout"))
        #expect(report.summary.contains("pool: 5 connections lost, 9 connects failed (8 refused, 1 server full)"))
    }

    @Test func aCleanRunSaysNothingAboutErrorKinds() {
        let report = Bench.report(
            measurement(IntervalCounts(), connections: ConnectionCounts()), pool: PoolConfiguration(), load: LoadSettings(),
            mode: .pool, warmUp: .zero)
        #expect(!report.summary.contains("connection lost"))
    }

    @Test func aStatementOnALostConnectionCountsAsLost() {
        let shard = LoadShard(index: 0, of: 1)
        shard.register(id: 0, label: "w0", incarnation: 1)
        shard.finished(id: 0, queryTime: .milliseconds(1), error: "terminating connection", failure: .connectionLost, next: .idle)
        shard.finished(id: 0, queryTime: .milliseconds(1), error: "syntax error", next: .idle)
        var counts = IntervalCounts()
        var waits = WaitHistogram.make()
        shard.drain(into: &counts, waits: &waits)
        #expect(counts.errors == 2)
        #expect(counts.lostConnections == 1)
    }
}
