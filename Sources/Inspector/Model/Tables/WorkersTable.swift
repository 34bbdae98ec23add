import Workload

/// The workers view: one row per load worker, with its share of the queries.
enum WorkersTable: TableDefinition {
    struct Item {
        var worker: WorkerStats
        /// A ten-cell bar of this worker's queries against the busiest worker's.
        var share: String
        /// Fewer than a quarter of the average worker's queries.
        var starving: Bool
    }

    static func items(in data: DashboardData, glyphs: Glyphs) -> [Item] {
        let workers = data.load.workers
        let most = max(1, workers.map(\.queries).max() ?? 1)
        let average = workers.isEmpty ? 0 : Double(workers.map(\.queries).reduce(0, +)) / Double(workers.count)
        return workers.map { worker in
            let filled = Int((Double(worker.queries) / Double(most) * 10).rounded())
            let bar = String(repeating: Character(glyphs.gaugeFull), count: filled)
                + String(repeating: Character(glyphs.gaugeEmpty), count: 10 - filled)
            return Item(worker: worker, share: bar, starving: average > 0 && Double(worker.queries) < average / 4)
        }
    }

    static let columns: [TableColumn<Item>] = [
        TableColumn("ID", width: 4, alignRight: true, cell: { "\($0.worker.id)" }, sortKey: { .number(Double($0.worker.id)) }),
        TableColumn("WORKER", width: 10, cell: { $0.worker.label }, sortKey: { .text($0.worker.label) }),
        TableColumn(
            "STATE", width: 8, cell: { $0.worker.state.rawValue }, sortKey: { .text($0.worker.state.rawValue) },
            role: { item in
                switch item.worker.state {
                case .waiting: .waiting
                case .running: .inUse
                case .thinking, .idle: .muted
                }
            }),
        TableColumn(
            "QUERIES", width: 8, alignRight: true, cell: { "\($0.worker.queries)" },
            sortKey: { .number(Double($0.worker.queries)) }, role: { $0.starving ? .error : nil }),
        TableColumn(
            "SHARE", width: 10, cell: { $0.share }, sortKey: { .number(Double($0.worker.queries)) },
            role: { $0.starving ? .error : .chart }),
        TableColumn(
            "ERRORS", width: 6, alignRight: true, descendingFirst: true, cell: { "\($0.worker.errors)" },
            sortKey: { .number(Double($0.worker.errors)) }, role: { $0.worker.errors > 0 ? .error : nil }),
        TableColumn(
            "TIMEOUTS", width: 8, alignRight: true, descendingFirst: true, cell: { "\($0.worker.timeouts)" },
            sortKey: { .number(Double($0.worker.timeouts)) }, role: { $0.worker.timeouts > 0 ? .warning : nil }),
        TableColumn(
            "MAX WAIT", width: 8, alignRight: true, descendingFirst: true, cell: { Format.duration($0.worker.longestWait) },
            sortKey: { .number($0.worker.longestWait.seconds) }),
        TableColumn(
            "LAST ERROR", width: 5, flexible: true, cell: { $0.worker.lastError ?? "" },
            sortKey: { .text($0.worker.lastError ?? "") }, role: { $0.worker.lastError == nil ? nil : .error }),
    ]
}
