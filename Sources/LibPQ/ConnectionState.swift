/// The life of a `PostgresConnection` as a value: who holds the query slot, whether it was asked
/// to close, and what the last query left behind. Lives behind the connection's `Mutex`.
struct ConnectionState {
    enum Phase { case idle, querying, closed }

    /// What the caller must do after a transition, outside the lock.
    enum CloseAction { case none, finishNow, interruptQuery }

    private(set) var phase = Phase.idle
    private(set) var closeRequested = false
    private(set) var usable = true
    private(set) var transactionStatus = TransactionStatus.idle
    /// The error that made the connection unusable, when a query saw it.
    private(set) var loss: PostgresError?

    /// Takes the query slot, or says why not.
    mutating func beginQuery() -> PostgresError? {
        switch phase {
        case .querying:
            return PostgresError(kind: .queryFailed, message: "another query is already running on this connection (one at a time)")
        case .closed:
            return PostgresError(kind: .connectionLost, message: "the connection is closed")
        case .idle where closeRequested || !usable:
            return PostgresError(kind: .connectionLost, message: "the connection is no longer usable")
        case .idle:
            phase = .querying
            transactionStatus = .active
            return nil
        }
    }

    /// Gives the slot back with what the query left; true when a close waited for it (finish now).
    /// `failure` is the query's error, kept as the loss when the query left the connection unusable.
    mutating func endQuery(usable: Bool, transactionStatus: TransactionStatus, failure: PostgresError? = nil) -> Bool {
        if self.usable && !usable && loss == nil { loss = failure }
        self.usable = self.usable && usable
        self.transactionStatus = transactionStatus
        if closeRequested {
            phase = .closed
            self.usable = false
            return true
        }
        phase = .idle
        return false
    }

    mutating func requestClose() -> CloseAction {
        switch phase {
        case .closed:
            return .none
        case .querying:
            if closeRequested { return .none }
            closeRequested = true
            usable = false
            return .interruptQuery
        case .idle:
            phase = .closed
            closeRequested = true
            usable = false
            return .finishNow
        }
    }

    var isClosed: Bool { phase == .closed }
}
