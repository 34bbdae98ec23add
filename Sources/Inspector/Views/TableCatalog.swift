import ConnectionPool
import Workload

/// The rows and columns of the three table views, built from data; filtering and sorting live here.
enum TableCatalog {
    static func columns(for view: ViewKind) -> [TableColumn] {
        switch view {
        case .connections: connectionColumns
        case .workers: workerColumns
        case .server: serverColumns
        case .dashboard, .console: []
        }
    }

    static func rows(for view: ViewKind, data: DashboardData, glyphs: Glyphs) -> [TableRow] {
        switch view {
        case .connections: data.pool.slots.map { connectionRow($0, glyphs: glyphs) }
        case .workers: workerRows(data.load.workers, glyphs: glyphs)
        case .server: serverRows(data, glyphs: glyphs)
        case .dashboard, .console: []
        }
    }

    /// The rows the user sees: filtered, then sorted by the chosen column (stable).
    static func visibleRows(for view: ViewKind, data: DashboardData, table: TableState, glyphs: Glyphs) -> [TableRow] {
        let filtered = rows(for: view, data: data, glyphs: glyphs).filter { $0.matches(table.filter) }
        return sorted(filtered, column: table.sortColumn, descending: table.descending)
    }

    static func sorted(_ rows: [TableRow], column: Int, descending: Bool) -> [TableRow] {
        rows.enumerated().sorted { a, b in
            guard a.element.sortKeys.indices.contains(column), b.element.sortKeys.indices.contains(column) else {
                return a.offset < b.offset
            }
            let left = a.element.sortKeys[column]
            let right = b.element.sortKeys[column]
            if left == right { return a.offset < b.offset }
            return descending ? left > right : left < right
        }.map(\.element)
    }

    // MARK: Connections

    static let connectionColumns: [TableColumn] = [
        TableColumn(title: "ID", width: 4, alignRight: true),
        TableColumn(title: "PID", width: 7, alignRight: true),
        TableColumn(title: "STATE", width: 10),
        TableColumn(title: "KIND", width: 8),
        TableColumn(title: "AGE", width: 7, alignRight: true, descendingFirst: true),
        TableColumn(title: "USES", width: 6, alignRight: true, descendingFirst: true),
        TableColumn(title: "HOLDER", width: 10),
        TableColumn(title: "TIME", width: 7, alignRight: true, descendingFirst: true),
        TableColumn(title: "QUERY", width: 5, flexible: true),
    ]

    static func connectionRow(_ slot: Slot, glyphs: Glyphs) -> TableRow {
        let role = Glyphs.role(slot.state, kind: slot.kind)
        let time = slot.queryFor ?? slot.heldFor ?? slot.idleFor
        let state = String(Character(glyphs.slot(slot.state, kind: slot.kind))) + " " + slot.state.rawValue
        return TableRow(
            cells: [
                "\(slot.id)", slot.backendPID.map { "\($0)" } ?? "-", state, slot.kind.rawValue, Format.duration(slot.age),
                "\(slot.uses)", slot.holder ?? "", Format.duration(time), slot.query ?? "",
            ],
            sortKeys: [
                .number(Double(slot.id)), .number(Double(slot.backendPID ?? -1)), .text(slot.state.rawValue),
                .text(slot.kind.rawValue), .number(slot.age.seconds), .number(Double(slot.uses)),
                .text(slot.holder ?? ""), .number(time.map(\.seconds) ?? -1), .text(slot.query ?? ""),
            ],
            cellRoles: [nil, nil, role, slot.kind == .overflow ? .overflow : .muted, nil, nil, nil, nil, nil],
            role: .text, pid: slot.backendPID)
    }

    // MARK: Workers

    static let workerColumns: [TableColumn] = [
        TableColumn(title: "ID", width: 4, alignRight: true),
        TableColumn(title: "WORKER", width: 10),
        TableColumn(title: "STATE", width: 8),
        TableColumn(title: "QUERIES", width: 8, alignRight: true),
        TableColumn(title: "SHARE", width: 10),
        TableColumn(title: "ERRORS", width: 6, alignRight: true, descendingFirst: true),
        TableColumn(title: "TIMEOUTS", width: 8, alignRight: true, descendingFirst: true),
        TableColumn(title: "MAX WAIT", width: 8, alignRight: true, descendingFirst: true),
        TableColumn(title: "LAST ERROR", width: 5, flexible: true),
    ]

    static func workerRows(_ workers: [WorkerStats], glyphs: Glyphs) -> [TableRow] {
        let most = max(1, workers.map(\.queries).max() ?? 1)
        let average = workers.isEmpty ? 0 : Double(workers.map(\.queries).reduce(0, +)) / Double(workers.count)
        return workers.map { worker in
            let filled = Int((Double(worker.queries) / Double(most) * 10).rounded())
            let bar = String(repeating: Character(glyphs.gaugeFull), count: filled)
                + String(repeating: Character(glyphs.gaugeEmpty), count: 10 - filled)
            let starving = average > 0 && Double(worker.queries) < average / 4
            let stateRole: Role = switch worker.state {
            case .waiting: .waiting
            case .running: .inUse
            case .thinking, .idle: .muted
            }
            return TableRow(
                cells: [
                    "\(worker.id)", worker.label, worker.state.rawValue, "\(worker.queries)", bar, "\(worker.errors)",
                    "\(worker.timeouts)", Format.duration(worker.longestWait), worker.lastError ?? "",
                ],
                sortKeys: [
                    .number(Double(worker.id)), .text(worker.label), .text(worker.state.rawValue),
                    .number(Double(worker.queries)), .number(Double(worker.queries)), .number(Double(worker.errors)),
                    .number(Double(worker.timeouts)), .number(worker.longestWait.seconds),
                    .text(worker.lastError ?? ""),
                ],
                cellRoles: [
                    nil, nil, stateRole, starving ? .error : nil, starving ? .error : .chart,
                    worker.errors > 0 ? .error : nil, worker.timeouts > 0 ? .warning : nil, nil,
                    worker.lastError == nil ? nil : .error,
                ])
        }
    }

    // MARK: Server

    static let serverColumns: [TableColumn] = [
        TableColumn(title: "PID", width: 7, alignRight: true),
        TableColumn(title: "POOL", width: 4),
        TableColumn(title: "APPLICATION", width: 14),
        TableColumn(title: "STATE", width: 12),
        TableColumn(title: "WAIT EVENT", width: 14),
        TableColumn(title: "DURATION", width: 8, alignRight: true, descendingFirst: true),
        TableColumn(title: "QUERY", width: 5, flexible: true),
    ]

    static func serverRows(_ data: DashboardData, glyphs: Glyphs) -> [TableRow] {
        let ours = Set(data.pool.slots.compactMap(\.backendPID))
        return data.server.backends.map { backend in
            let isOurs = ours.contains(backend.pid)
            let stateRole: Role = switch backend.state {
            case "active": .inUse
            case "idle": .idle
            case let state where state.hasPrefix("idle in transaction"): .warning
            default: .muted
            }
            return TableRow(
                cells: [
                    "\(backend.pid)", isOurs ? "yes" : "", backend.applicationName, backend.state,
                    backend.waitEvent ?? "", Format.duration(backend.queryFor), backend.query,
                ],
                sortKeys: [
                    .number(Double(backend.pid)), .text(isOurs ? "a" : "b"), .text(backend.applicationName),
                    .text(backend.state), .text(backend.waitEvent ?? ""),
                    .number(backend.queryFor.map(\.seconds) ?? -1), .text(backend.query),
                ],
                cellRoles: [nil, isOurs ? .accent : nil, nil, stateRole, backend.waitEvent == nil ? nil : .warning, nil, nil],
                pid: backend.pid)
        }
    }
}
