/// What one client backend is doing, as a DBA counts a pool's connections: pg_stat_activity.state, with a
/// backend that waits for a lock (wait_event_type 'Lock') counted apart, and a row the role may not read
/// (no pg_read_all_stats: state NULL) counted as hidden rather than guessed.
public enum ClientState: String, Sendable, Equatable, Hashable, CaseIterable {
    case active
    case idle
    case idleInTransaction = "idle in transaction"
    case idleInTransactionAborted = "idle in transaction (aborted)"
    case waitingOnLock = "waiting on a lock"
    /// fastpath function call, disabled (track_activities off), or a state this version adds.
    case other
    /// Another user's session, seen without pg_read_all_stats.
    case hidden

    /// The state of a row whose `state` and `wait_event_type` are as read (nil: NULL).
    public init(state: String?, waitEventType: String?) {
        guard let state else {
            self = .hidden
            return
        }
        if waitEventType == "Lock" {
            self = .waitingOnLock
            return
        }
        self = ClientState(rawValue: state).flatMap { [.active, .idle, .idleInTransaction, .idleInTransactionAborted].contains($0) ? $0 : nil }
            ?? .other
    }
}

/// A pool's connections by state.
public struct StateCounts: Sendable, Equatable {
    private var counts: [ClientState: Int] = [:]

    public init(_ counts: [ClientState: Int] = [:]) {
        self.counts = counts.filter { $0.value != 0 }
    }

    public subscript(state: ClientState) -> Int {
        get { counts[state] ?? 0 }
        set { counts[state] = newValue == 0 ? nil : newValue }
    }

    public var total: Int { counts.values.reduce(0, +) }
    /// The connections whose state could be read.
    public var visible: Int { total - self[.hidden] }
}
