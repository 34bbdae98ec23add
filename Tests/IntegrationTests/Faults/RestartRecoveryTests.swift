import ConnectionPool
import Foundation
import EmbeddedPostgres
import LibPQ
import Testing
@testable import Workload

/// Issue 17: the server restarts (fast, immediate) or stops for 15 s under the bench's load. Once it
/// accepts connections again, throughput is back to 90 % of before within 1 s; no worker hangs; the
/// errors are counted by kind and the counts add up.
@Suite("Faults: the server restarts or stops under load", .serialized)
struct RestartRecoveryTests {
    static let recoveryBound: Duration = .seconds(1)

    /// Runs the load on a cluster of its own, lets it settle, takes the server `down`, brings it `up`
    /// while probing for when it accepts again, then checks the recovery against the throughput before.
    func recovers(
        configuration: PoolConfiguration = PoolConfiguration(poolSize: 5, maxOverflow: 10),
        down: (EmbeddedPostgres) async throws -> Void, up: (EmbeddedPostgres) async throws -> Void
    ) async throws -> (load: FaultLoad, measurement: LoadMeasurement) {
        let cluster = try await EmbeddedPostgres.start()
        defer { cluster.stop() }
        let target = try ConnectionTarget(cluster.url)
        let load = FaultLoad(target: target, configuration: configuration)
        let clock = ContinuousClock()
        try await Task.sleep(for: .seconds(1))  // connections open, the load steady
        let baselineStart = clock.now
        try await Task.sleep(for: .seconds(2))
        try await load.sampled(through: clock.now)
        let baseline = load.rate(from: baselineStart, to: clock.now)
        #expect(baseline > 0)

        try await down(cluster)
        let accepted = Task { try await acceptedAgain(target) }
        try await up(cluster)
        let acceptedAt = try await accepted.value
        try await Task.sleep(until: acceptedAt + Self.recoveryBound + FaultLoad.sampleInterval, clock: clock)
        try await load.sampled(through: acceptedAt + Self.recoveryBound)
        // Back to 90 % of before within 1 s: a 250 ms bucket that ends within 1 s of the server
        // accepting again ran at 90 % of the throughput before.
        let recovery = load.recovery(after: acceptedAt, reaching: 0.9 * baseline)
        let recovered = load.bucketRate(endingAt: acceptedAt + Self.recoveryBound)
        #expect(recovery.map { $0 <= Self.recoveryBound } == true,
                "90 % of \(Int(baseline)) q/s reached after \(recovery.map { "\($0)" } ?? "never"); \(Int(recovered)) q/s in the bucket ending 1 s after")
        if let report = Environment.recoveryReport { print("\(report) baseline \(Int(baseline)) q/s, bucket ending 1 s after \(Int(recovered)) q/s, 90 % after \(recovery.map { "\($0)" } ?? "never")") }
        let measurement = load.generator.measure()
        try await load.finish()
        return (load, measurement)
    }

    /// What every restart leaves: each pooled connection lost once, found by its statement, counted as
    /// a lost connection (not a failed query), replaced.
    func expectLossesCounted(_ load: FaultLoad, _ measurement: LoadMeasurement) {
        let counters = load.pool.snapshot().counters
        #expect(counters.connectionsLost > 0)
        #expect(measurement.totals.lostConnections == counters.connectionsLost)
        #expect(measurement.totals.errors == measurement.totals.lostConnections, "every error was a lost connection")
        let events = load.events
        #expect(events.contains { if case .connectionLost = $0 { true } else { false } })
    }

    @Test func fastRestart() async throws {
        let (load, measurement) = try await recovers(down: { await $0.stopServer(.fast) }, up: { try await $0.startServer() })
        expectLossesCounted(load, measurement)
        let events = load.events
        #expect(events.contains { if case .connectionLost(_, _, let cause) = $0 { cause.contains("administrator command") } else { false } })
    }

    @Test func immediateRestart() async throws {
        let (load, measurement) = try await recovers(down: { await $0.stopServer(.immediate) }, up: { try await $0.startServer() })
        expectLossesCounted(load, measurement)
    }

    /// Stopped 15 s with a 5 s check-out timeout: the waiters time out while it is down (counted),
    /// connects are refused (counted, retried at least every `refusedRetryCap`), and it all comes back.
    @Test func stopFor15SecondsThenStart() async throws {
        let configuration = PoolConfiguration(poolSize: 5, maxOverflow: 10, checkoutTimeout: .seconds(5))
        let (load, measurement) = try await recovers(
            configuration: configuration,
            down: { cluster in
                await cluster.stopServer(.fast)
                try await Task.sleep(for: .seconds(15))
            },
            up: { try await $0.startServer() })
        expectLossesCounted(load, measurement)
        let counters = load.pool.snapshot().counters
        #expect(counters.connectRefused > 0)
        #expect(counters.timeouts > 0)
        #expect(measurement.totals.timeouts == counters.timeouts)
        let events = load.events
        #expect(events.contains { if case .connectsRestored(let failedFor, _) = $0 { failedFor >= .seconds(14) } else { false } })
        // Refusals are probed at least every refusedRetryCap: about 4 a second over 15 s, never 15 at once.
        let refusedRetries = events.compactMap { kind -> Duration? in
            if case .connectRefused(_, let retryIn) = kind { retryIn } else { nil }
        }
        #expect(refusedRetries.allSatisfy { $0 <= ConnectFailure.refusedRetryCap })
    }
}

/// FAULT_REPORT=label prints each restart test's measured recovery (for the README's figures).
enum Environment {
    static var recoveryReport: String? {
        guard let value = getenv("FAULT_REPORT") else { return nil }
        return String(cString: value)
    }
}
