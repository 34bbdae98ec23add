import ConnectionPool
import EmbeddedPostgres
import LibPQ
import Synchronization
import Testing
@testable import Workload

/// The bench's load on a pool of its own, against a server the test may restart, stop or fill:
/// throughput sampled every 25 ms and judged over 250 ms buckets, and the checks every fault scenario ends with.
final class FaultLoad: Sendable {
    let pool: PostgresPool
    let generator: PostgresLoadGenerator
    let target: ConnectionTarget
    /// The pool's maintenance and, beside it, its factory's watchdog, ended when the pool has shut down.
    private let runner: Task<Void, Never>
    private let sampler: Task<Void, Never>
    private let watcher: Task<Void, Never>
    /// Every pool event but slot transitions, collected as they happen (the pool's ring keeps only the newest).
    private let collected = EventCollection()
    /// (time, check-ins so far: one per statement) every `sampleInterval`.
    private let samples = SampleLog()
    /// Throughput is judged over buckets this long, ending anywhere (samples are finer).
    static let bucket: Duration = .milliseconds(250)
    static let sampleInterval: Duration = .milliseconds(25)

    /// The workload: 32 workers, pool 5 + 10, `SELECT pg_sleep(0.005)`.
    init(target: ConnectionTarget, configuration: PoolConfiguration = PoolConfiguration(poolSize: 5, maxOverflow: 10),
         workers: Int = 32, query: QueryKind = .sleep(.milliseconds(5)), thinkTime: Duration = .zero,
         deadLinkTimeout: Duration? = .seconds(10)) {
        self.target = target
        let watchdog = deadLinkTimeout.map { LinkWatchdog(bound: $0) }
        let pool = PostgresPool(
            configuration: configuration,
            factory: PostgresConnectionFactory(
                target: target, connectTimeout: .seconds(5), applicationName: uniqueName("fault"), watchdog: watchdog))
        self.pool = pool
        runner = Task {
            await withDiscardingTaskGroup { group in
                if let watchdog { group.addTask { await watchdog.run() } }
                await pool.run()
                group.cancelAll()
            }
        }
        let generator = PostgresLoadGenerator(pool: pool, settings: LoadSettings(workers: workers, thinkTime: thinkTime, mix: QueryMix([.init(query)])))
        self.generator = generator
        generator.start()
        let collected = self.collected
        watcher = Task {
            var last: UInt64 = 0
            while !Task.isCancelled {
                let fresh = pool.events(after: last)
                last = fresh.last?.sequence ?? last
                let kept = fresh.filter { if case .slotChanged = $0.kind { false } else { true } }
                if !kept.isEmpty { collected.events.withLock { $0 += kept.map(\.kind) } }
                try? await Task.sleep(for: .milliseconds(2))
            }
        }
        let samples = self.samples
        sampler = Task {
            let clock = ContinuousClock()
            var next = clock.now
            while !Task.isCancelled {
                // The pool's check-ins count in real time (the generator folds its counts once a second).
                let queries = pool.snapshot().counters.checkins
                samples.entries.withLock { $0.append((clock.now, queries)) }
                next += Self.sampleInterval
                try? await Task.sleep(until: next, clock: clock)
            }
        }
    }

    /// Queries so far.
    var queries: Int { generator.snapshot(includeWorkers: false).queries }

    /// Waits until the workers have run `count` more queries than now (they carry on).
    func carriesOn(_ count: Int = 20) async throws {
        let from = queries
        let reached = try await eventually({ self.queries }, until: { $0 >= from + count })
        #expect(reached >= from + count, "the workers stopped after \(reached - from) queries")
    }

    /// The pool's events so far, slot transitions left out.
    var events: [PoolEvent.Kind] { collected.events.withLock { $0 } }

    /// Queries per second between `start` and `end`, from the samples nearest inside that span.
    func rate(from start: ContinuousClock.Instant, to end: ContinuousClock.Instant) -> Double {
        let taken = samples.entries.withLock { $0 }
        guard let first = taken.first(where: { $0.at >= start }), let last = taken.last(where: { $0.at <= end }),
              last.at > first.at else { return 0 }
        return Double(last.queries - first.queries) / (last.at - first.at).seconds
    }

    /// Queries per second over the `bucket` that ends at `end` (at the samples nearest inside it).
    func bucketRate(endingAt end: ContinuousClock.Instant) -> Double {
        rate(from: end - Self.bucket, to: end)
    }

    /// How long after `from` the first `bucket` with at least `rate` q/s ended (nil: none yet).
    func recovery(after from: ContinuousClock.Instant, reaching rate: Double) -> Duration? {
        let taken = samples.entries.withLock { $0 }
        for sample in taken where sample.at >= from + Self.bucket {
            if bucketRate(endingAt: sample.at) >= rate { return sample.at - from }
        }
        return nil
    }

    /// Waits until the samples reach `instant`.
    func sampled(through instant: ContinuousClock.Instant) async throws {
        _ = try await eventually(within: .seconds(30), { self.samples.entries.withLock { $0.last?.at ?? instant } }, until: { $0 >= instant })
    }

    /// Stops the load (every worker ends), checks that nothing is left in use or waiting and that the
    /// pool's counts add up, then shuts the pool down.
    func finish(_ comment: Comment? = nil) async throws {
        sampler.cancel()
        await sampler.value
        defer { watcher.cancel() }
        let clock = ContinuousClock()
        let began = clock.now
        await generator.stop()
        // No worker hangs: a stop ends every worker within the dead-link bound at worst.
        #expect(clock.now - began < .seconds(12), "the load took \(clock.now - began) to stop")
        let settled = try await eventually({ self.pool.snapshot() }, until: { $0.count(.closing) + $0.count(.broken) + $0.count(.connecting) == 0 })
        expectCountsAddUp(settled)
        await pool.shutdown()
        await runner.value
        watcher.cancel()
        await watcher.value
    }
}

/// Nothing in use or waiting; every check-out checked in; every connection opened is open or was closed
/// once; every lost one closed as broken.
func expectCountsAddUp(_ snapshot: PoolSnapshot, sourceLocation: SourceLocation = #_sourceLocation) {
    let counters = snapshot.counters
    #expect(snapshot.inUse == 0, sourceLocation: sourceLocation)
    #expect(snapshot.count(.checking) == 0, sourceLocation: sourceLocation)
    #expect(snapshot.waiters.count == 0, sourceLocation: sourceLocation)
    #expect(counters.checkouts == counters.checkins, sourceLocation: sourceLocation)
    let open = snapshot.idle + snapshot.inUse + snapshot.count(.checking)
    #expect(counters.connects - counters.closesTotal == open, "opened \(counters.connects), closed \(counters.closes)", sourceLocation: sourceLocation)
    #expect(counters.connectionsLost <= counters.closes(.broken), sourceLocation: sourceLocation)
    #expect(counters.connectRefused + counters.serverFull <= counters.connectFailures, sourceLocation: sourceLocation)
}

/// Connects with a fresh session every 10 ms until one is accepted; the time it was.
func acceptedAgain(_ target: ConnectionTarget, within limit: Duration = .seconds(60)) async throws -> ContinuousClock.Instant {
    let clock = ContinuousClock()
    let deadline = clock.now + limit
    while clock.now < deadline {
        if let connection = try? await PostgresConnection.connect(to: target, timeout: .seconds(1), applicationName: "probe") {
            connection.close()
            return clock.now
        }
        try await Task.sleep(for: .milliseconds(10))
    }
    throw PostgresError(kind: .connectionFailed, message: "the server did not accept a connection within \(limit)")
}

/// (time, queries so far), oldest first.
final class SampleLog: Sendable {
    let entries = Mutex<[(at: ContinuousClock.Instant, queries: Int)]>([])
}

final class EventCollection: Sendable {
    let events = Mutex<[PoolEvent.Kind]>([])
}
