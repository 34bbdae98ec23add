/// The screens the user switches between with Tab or 1–6.
public enum ViewKind: Int, Sendable, Equatable, Hashable, CaseIterable {
    case dashboard, connections, workers, server, console, pgbouncer

    public var title: String {
        switch self {
        case .dashboard: "Dashboard"
        case .connections: "Connections"
        case .workers: "Workers"
        case .server: "Server"
        case .console: "SQL"
        case .pgbouncer: "PgBouncer"
        }
    }

    /// Views that show a table and so answer to sort, filter and movement keys.
    public var isTable: Bool { self == .connections || self == .workers || self == .server }

    func next(_ step: Int) -> ViewKind {
        let all = ViewKind.allCases
        return all[((rawValue + step) % all.count + all.count) % all.count]
    }
}
