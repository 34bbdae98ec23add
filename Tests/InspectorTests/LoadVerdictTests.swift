import ConnectionPool
import Testing
import Workload
@testable import Inspector

/// The live verdict: Little's law's busy connections, the share of time waiting, and what limits the load.
@Suite struct LoadVerdictTests {
    static func seconds(_ count: Int, qps: Double, query: Duration, wait: Duration, inUse: Int) -> [LoadSample] {
        (0..<count).map { LoadSample(second: $0, qps: qps, inUse: inUse, queryMean: query, waitMean: wait) }
    }

    @Test func busyConnectionsAreThroughputTimesQueryTime() {
        let verdict = LoadVerdict.assess(
            samples: Self.seconds(5, qps: 750, query: .milliseconds(4), wait: .milliseconds(12), inUse: 3), onCPU: nil, cores: 2)
        #expect(abs(verdict.busy - 3) < 1e-9)
        #expect(abs(verdict.waitShare - 0.75) < 1e-9)
        #expect(verdict.qps == 750)
    }

    @Test func littleWaitingIsClientBound() {
        let verdict = LoadVerdict.assess(
            samples: Self.seconds(5, qps: 300, query: .milliseconds(10), wait: .microseconds(100), inUse: 3), onCPU: 0, cores: 2)
        #expect(verdict.kind == .clientBound)
        #expect(verdict.text.hasPrefix("client-bound"))
    }

    @Test func waitingForASleepingServerIsPoolBound() {
        let verdict = LoadVerdict.assess(
            samples: Self.seconds(10, qps: 500, query: .milliseconds(10), wait: .milliseconds(20), inUse: 5), onCPU: 0, cores: 2)
        #expect(verdict.kind == .poolBound)
        #expect(verdict.text == "pool-bound: more connections would raise throughput")
    }

    @Test func moreBackendsOnCPUThanCoresIsServerBound() {
        let samples = Self.seconds(5, qps: 750, query: .milliseconds(20), wait: .milliseconds(22), inUse: 15)
        #expect(LoadVerdict.assess(samples: samples, onCPU: 6, cores: 2).kind == .serverBound)
        #expect(LoadVerdict.assess(samples: samples, onCPU: 1, cores: 2).kind == .poolBound)
        #expect(LoadVerdict.assess(samples: samples, onCPU: 6, cores: 2).text == "server-bound: more connections only queue inside the server")
    }

    @Test func queryTimeGrowingWithTheConnectionsIsServerBound() {
        // Ten seconds at 4 connections and 4 ms, then 12 connections at 12 ms for the same throughput.
        let before = Self.seconds(10, qps: 1000, query: .milliseconds(4), wait: .milliseconds(28), inUse: 4)
        let after = Self.seconds(5, qps: 1000, query: .milliseconds(12), wait: .milliseconds(20), inUse: 12)
        #expect(LoadVerdict.assess(samples: before + after, onCPU: nil, cores: 2).kind == .serverBound)
        let flat = Self.seconds(5, qps: 3000, query: .milliseconds(4), wait: .milliseconds(7), inUse: 12)
        #expect(LoadVerdict.assess(samples: before + flat, onCPU: nil, cores: 2).kind == .poolBound)
    }

    @Test func aShortStartUpRampIsNoBaseline() {
        let ramp = Self.seconds(2, qps: 200, query: .milliseconds(1), wait: .milliseconds(50), inUse: 1)
        let after = Self.seconds(5, qps: 1000, query: .milliseconds(10), wait: .milliseconds(20), inUse: 10)
        #expect(LoadVerdict.assess(samples: ramp + after, onCPU: nil, cores: 2).kind == .poolBound)
    }

    @Test func noQueriesIsIdle() {
        #expect(LoadVerdict.assess(samples: [], onCPU: nil, cores: 2).kind == .idle)
        let paused = Self.seconds(5, qps: 0, query: .zero, wait: .zero, inUse: 0)
        #expect(LoadVerdict.assess(samples: paused, onCPU: 0, cores: 2).kind == .idle)
    }

    @Test(arguments: [Fixtures.compact, Fixtures.full])
    func theDashboardShowsTheVerdictUnderTheGauges(size: Size) {
        var data = Fixtures.data
        data.load.samples = Self.seconds(10, qps: 500, query: .milliseconds(10), wait: .milliseconds(10), inUse: 5)
        data.server.backends = []
        var state = ViewState()
        state.view = .dashboard
        let frame = FrameBuilder.build(data: data, state: state, size: size)
        let verdictRow = frame.rows(containing: "Verdict       pool-bound: more connections would raise throughput")
        let gaugeRow = frame.rows(containing: "server / max_connections")
        #expect(verdictRow.count == 1)
        #expect(verdictRow.first.map { row in gaugeRow.allSatisfy { $0 < row } } == true)
        let little = frame.rows(containing: "Little's law  busy 5.0 of 15 = throughput × query time = 500/s × 10ms   waiting for a connection 50% / running 50%")
        #expect(little.count == (size == Fixtures.compact ? 0 : 1))
    }
}
