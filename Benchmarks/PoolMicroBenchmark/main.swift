import ConnectionPool
import ConnectionPoolTestUtils
import MetricsEndpoint

// Pool overhead: check-out plus check-in with the fake connection (no I/O), and snapshot cost.
// Prints one line per figure, or one JSON object with --json. `--ops N` sets the single-task op count;
// `--metrics` gives the pools `--metrics`' observer (the histograms), to measure what it costs.

let arguments = CommandLine.arguments
let json = arguments.contains("--json")
let ops = arguments.firstIndex(of: "--ops").flatMap { Int(arguments[$0 + 1]) } ?? 2_000_000
let observer: PoolMetrics? = arguments.contains("--metrics") ? PoolMetrics(poolName: "bench") : nil

func elapsedNanoseconds(_ duration: Duration) -> Double { Double(duration.nanoseconds) }

/// Runs `tasks` tasks doing `perTask` check-out/check-in pairs each; returns nanoseconds per pair.
func checkoutCheckin(configuration: PoolConfiguration, tasks: Int, perTask: Int) async throws -> Double {
    let pool = ConnectionPool(configuration: configuration, factory: FakeConnectionFactory(), observer: observer)
    let timer = Task { await pool.run() }
    // Warm: open every connection the pool may keep.
    var warm: [Lease<FakeConnection>] = []
    for i in 0..<min(tasks, configuration.poolSize) { warm.append(try await pool.checkOut(holder: "warm-\(i)")) }
    for lease in warm { await pool.checkIn(lease) }

    let clock = ContinuousClock()
    let start = clock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for t in 0..<tasks {
            group.addTask {
                let holder = "task-\(t)"
                for _ in 0..<perTask {
                    let lease = try await pool.checkOut(holder: holder)
                    await pool.checkIn(lease)
                }
            }
        }
        try await group.waitForAll()
    }
    let elapsed = clock.now - start
    await pool.shutdown()
    await timer.value
    return elapsedNanoseconds(elapsed) / Double(tasks * perTask)
}

/// Mean snapshot() time in microseconds with 200 slots (half in use with a query, half idle):
/// with cached latency summaries, and right after a new sample (summaries recomputed).
func snapshotCost(iterations: Int) async throws -> (cached: Double, fresh: Double) {
    var configuration = PoolConfiguration(poolSize: 200, maxOverflow: 0, resetOnReturn: .none)
    configuration.presetName = "bench"
    let pool = ConnectionPool(configuration: configuration, factory: FakeConnectionFactory())
    var leases: [Lease<FakeConnection>] = []
    for i in 0..<200 { leases.append(try await pool.checkOut(holder: "worker-\(i)")) }
    for lease in leases[100...] { await pool.checkIn(lease) }
    for lease in leases[..<100] { pool.reportActivity(lease, query: "SELECT pg_sleep(0.01)") }

    let clock = ContinuousClock()
    var sink = 0
    let start = clock.now
    for _ in 0..<iterations { sink &+= pool.snapshot().slots.count }
    let cached = elapsedNanoseconds(clock.now - start) / Double(iterations) / 1000

    var fresh = Duration.zero
    for _ in 0..<iterations {
        let lease = try await pool.checkOut(holder: "sampler")
        await pool.checkIn(lease)
        let t0 = clock.now
        sink &+= pool.snapshot().slots.count
        fresh += clock.now - t0
    }
    precondition(sink > 0)
    for lease in leases[..<100] { await pool.checkIn(lease) }
    await pool.shutdown()
    return (cached, elapsedNanoseconds(fresh) / Double(iterations) / 1000)
}

/// Milliseconds for `count` check-outs to queue behind a held connection and then all time out together
/// (one timer task, however many waiters).
func manyWaiters(count: Int) async throws -> Double {
    let clock = ManualClock()
    let pool = ConnectionPool(
        configuration: PoolConfiguration(poolSize: 1, maxOverflow: 0, checkoutTimeout: .seconds(1)),
        factory: FakeConnectionFactory(), clock: clock)
    let timer = Task { await pool.run() }
    let held = try await pool.checkOut(holder: "holder")
    let wall = ContinuousClock()
    let start = wall.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for i in 0..<count {
            group.addTask { _ = try? await pool.checkOut(holder: "waiter-\(i)") }
        }
        while pool.snapshot().waiters.count < count { await Task.yield() }
        clock.advance(by: .seconds(1))
        try await group.waitForAll()
    }
    let elapsed = wall.now - start
    precondition(pool.snapshot().counters.timeouts == count)
    await pool.checkIn(held)
    await pool.shutdown()
    await timer.value
    return elapsedNanoseconds(elapsed) / 1e6
}

var fixed64 = PoolConfiguration.sqlalchemy
fixed64.poolSize = 64
fixed64.maxOverflow = 0

let single = try await checkoutCheckin(configuration: .sqlalchemy, tasks: 1, perTask: ops)
let many = try await checkoutCheckin(configuration: fixed64, tasks: 64, perTask: max(1, ops / 64))
let contended = try await checkoutCheckin(configuration: .sqlalchemy, tasks: 64, perTask: max(1, ops / 64))
let snapshot = try await snapshotCost(iterations: 10_000)
let waiters = try await manyWaiters(count: 10_000)

/// With --metrics: nanoseconds per pair of observer calls (a wait and a use into their histograms), alone.
func observerCost(_ observer: PoolMetrics, calls: Int) -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    for i in 0..<calls {
        observer.checkedOut(afterWaiting: .microseconds(i & 1023))
        observer.checkedIn(afterUsing: .microseconds(i & 4095))
    }
    return elapsedNanoseconds(clock.now - start) / Double(calls)
}
let recording = observer.map { observerCost($0, calls: ops) }

func fixed(_ value: Double) -> String {
    let scaled = (value * 10).rounded() / 10
    return String(scaled)
}

if json {
    print(
        "{\"ops\":\(ops),\"ns_per_op_1_task\":\(fixed(single)),\"ns_per_op_64_tasks\":\(fixed(many)),"
            + "\"ns_per_op_64_tasks_15_connections\":\(fixed(contended)),"
            + "\"snapshot_us_200_slots\":\(fixed(snapshot.cached)),\"snapshot_us_200_slots_fresh\":\(fixed(snapshot.fresh)),"
            + "\"ms_10000_waiters_queue_and_time_out\":\(fixed(waiters))"
            + (recording.map { ",\"ns_per_wait_and_use_recorded\":\(fixed($0))" } ?? "") + "}")
} else {
    print("checkout+checkin, 1 task (sqlalchemy 5+10): \(fixed(single)) ns/op (\(ops) ops)")
    print("checkout+checkin, 64 tasks, 64 connections: \(fixed(many)) ns/op")
    print("checkout+checkin, 64 tasks, 15 connections (waiting): \(fixed(contended)) ns/op")
    print("snapshot, 200 slots: \(fixed(snapshot.cached)) µs cached, \(fixed(snapshot.fresh)) µs after a new sample")
    print("10000 waiters queue and time out: \(fixed(waiters)) ms")
    if let recording { print("metrics: a wait and a use recorded: \(fixed(recording)) ns") }
}
