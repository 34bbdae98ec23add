import ConnectionPool
import Inspector
import Workload

/// A fixed picture of a busy pool: every slot state, waiters, samples with a config change, events, workers.
enum Fixtures {
    static let slots: [Slot] = [
        Slot(id: 1, state: .inUse, kind: .core, age: .seconds(300), uses: 120, holder: "w1", heldFor: .milliseconds(40), backendPID: 4101, query: "SELECT pg_sleep(0.05)", queryFor: .milliseconds(38)),
        Slot(id: 2, state: .idle, kind: .core, age: .seconds(290), idleFor: .milliseconds(15), uses: 98, backendPID: 4102),
        Slot(id: 3, state: .inUse, kind: .core, age: .seconds(280), uses: 77, holder: "w3", heldFor: .seconds(2), backendPID: 4103, query: "UPDATE accounts SET n = n + 1", queryFor: .seconds(2)),
        Slot(id: 4, state: .checking, kind: .core, age: .seconds(12), uses: 5, backendPID: 4104),
        Slot(id: 5, state: .connecting, kind: .core, age: .milliseconds(20)),
        Slot(id: 6, state: .inUse, kind: .overflow, age: .seconds(3), uses: 9, holder: "w6", heldFor: .milliseconds(5), backendPID: 4106, query: "SELECT 1", queryFor: .milliseconds(1)),
        Slot(id: 7, state: .idle, kind: .overflow, age: .seconds(4), idleFor: .seconds(1), uses: 3, backendPID: 4107),
        Slot(id: 8, state: .closing, kind: .overflow, age: .seconds(40), uses: 30, backendPID: 4108),
        Slot(id: 9, state: .broken, kind: .overflow, age: .seconds(41), uses: 31, backendPID: 4109),
    ]

    static let configuration = PoolConfiguration(poolSize: 5, maxOverflow: 10, checkoutTimeout: .seconds(30), presetName: "sqlalchemy")

    static let pool = PoolSnapshot(
        uptime: .seconds(125), configuration: configuration, slots: slots,
        waiters: Waiters(count: 3, oldestWait: .milliseconds(1250), oldest: [
            Waiter(holder: "w11", waited: .milliseconds(1250)), Waiter(holder: "w12", waited: .milliseconds(700)),
            Waiter(holder: "w13", waited: .milliseconds(90)),
        ]))

    static let samples: [LoadSample] = (1...120).map { second in
        LoadSample(second: second, qps: Double(200 + (second % 10) * 30), waitP50: .milliseconds(second % 7), waitP99: .milliseconds(10 + second % 13), inUse: 3 + second % 3, idle: 1, overflow: second > 60 ? 2 : 0)
    }

    static let workers: [WorkerStats] = [
        WorkerStats(id: 1, label: "w1", state: .running, queries: 900, longestWait: .milliseconds(12)),
        WorkerStats(id: 2, label: "w2", state: .waiting, queries: 15, errors: 2, timeouts: 1, longestWait: .seconds(30), lastError: "pool timeout after 30s"),
        WorkerStats(id: 3, label: "w3", state: .thinking, queries: 640, errors: 0, longestWait: .milliseconds(300)),
    ]

    static let events: [PoolEvent] = [
        PoolEvent(sequence: 1, at: .seconds(1), kind: .slotChanged(slot: 1, from: nil, to: .connecting, reason: nil)),
        PoolEvent(sequence: 2, at: .seconds(1), kind: .slotChanged(slot: 1, from: .connecting, to: .idle, reason: nil)),
        PoolEvent(sequence: 3, at: .seconds(2), kind: .slotChanged(slot: 1, from: .idle, to: .inUse, reason: nil)),
        PoolEvent(sequence: 4, at: .seconds(100), kind: .configurationChanged(description: "pool_size 4 → 5")),
        PoolEvent(sequence: 5, at: .seconds(90), kind: .checkoutTimedOut(holder: "w2", waited: .seconds(30), limits: "pool_size 5, max_overflow 10")),
        PoolEvent(sequence: 6, at: .seconds(100), kind: .slotChanged(slot: 10, from: .idle, to: nil, reason: .recycled)),
        PoolEvent(sequence: 7, at: .seconds(110), kind: .leakSuspected(slot: 3, holder: "w3", heldFor: .seconds(20))),
    ]

    static let server = ServerSnapshot(
        serverVersion: "PostgreSQL 15.18", maxConnections: 100, connections: 12,
        backends: [
            .init(pid: 4101, applicationName: "pooltop", state: "active", query: "SELECT pg_sleep(0.05)", queryFor: .milliseconds(38)),
            .init(pid: 4102, applicationName: "pooltop", state: "idle", query: "ROLLBACK"),
            .init(pid: 5000, applicationName: "psql", state: "idle in transaction", waitEvent: "ClientRead", query: "BEGIN", queryFor: .seconds(42)),
        ])

    static let data = DashboardData(
        pool: pool,
        load: LoadSnapshot(settings: LoadSettings(workers: 16, thinkTime: .milliseconds(20)), elapsed: .seconds(120), queries: 1555, workers: workers, samples: samples),
        server: server, events: events, target: "postgres://app:****@db.example:5432/app", serverVersion: "PostgreSQL 15.18",
        uptime: .seconds(3725))

    static let compact = Size(width: 80, height: 24)
    static let full = Size(width: 160, height: 50)

    static func frame(_ view: ViewKind, _ size: Size, ascii: Bool = false, change: (inout ViewState) -> Void = { _ in }) -> Frame {
        var state = ViewState()
        state.view = view
        state.glyphs = Glyphs(ascii: ascii)
        change(&state)
        return FrameBuilder.build(data: data, state: state, size: size)
    }
}

extension Frame {
    /// Rows containing `text`.
    func rows(containing text: String) -> [Int] { lines.enumerated().filter { $0.element.contains(text) }.map(\.offset) }
    func contains(_ text: String) -> Bool { !rows(containing: text).isEmpty }
    /// The column where `text` starts in `row`, counted in cells.
    func column(of text: String, row: Int) -> Int? {
        let cells = Array(lines[row].unicodeScalars)
        let needle = Array(text.unicodeScalars)
        guard cells.count >= needle.count else { return nil }
        return (0...(cells.count - needle.count)).first { Array(cells[$0..<($0 + needle.count)]) == needle }
    }

    func count(of scalar: Unicode.Scalar) -> Int { lines.reduce(0) { $0 + $1.unicodeScalars.filter { $0 == scalar }.count } }
}
