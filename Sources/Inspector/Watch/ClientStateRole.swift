import Workload

extension ClientState {
    /// The colour of a connection in this state, on the watch screen's tables and chart.
    var role: Role {
        switch self {
        case .active: .inUse
        case .idle: .idle
        case .idleInTransaction: .warning
        case .idleInTransactionAborted: .error
        case .waitingOnLock: .waiting
        case .other, .hidden: .muted
        }
    }
}
