/// One thing that happened in the pool, timestamped since the pool started. Events are kept in a bounded
/// ring; `sequence` increases by one per event so a reader can ask for what it has not seen.
public struct PoolEvent: Sendable, Equatable, Codable {
    public var sequence: UInt64
    public var at: Duration
    public var kind: Kind

    public init(sequence: UInt64, at: Duration, kind: Kind) {
        self.sequence = sequence
        self.at = at
        self.kind = kind
    }

    public enum Kind: Sendable, Equatable, Codable {
        /// A slot changed state; `reason` is set when it closed.
        case slotChanged(slot: Int, from: SlotState?, to: SlotState?, reason: CloseReason?)
        case connectFailed(message: String, retryIn: Duration)
        /// A check-out gave up; `limits` names the limits in force.
        case checkoutTimedOut(holder: String, waited: Duration, limits: String)
        case leakSuspected(slot: Int, holder: String, heldFor: Duration)
        /// `description` says what changed, e.g. "pool_size 5 → 6".
        case configurationChanged(description: String)
        case warning(message: String)
        /// Nothing accepted the session (no server listening, or one starting or shutting down).
        case connectRefused(message: String, retryIn: Duration)
        /// The server refused the session for lack of room (max_connections, SQLSTATE 53300).
        case serverFull(message: String, retryIn: Duration)
        /// A connect succeeded after `failures` failed ones over `failedFor`: the back-off is over.
        case connectsRestored(failedFor: Duration, failures: Int)
        /// The connection of `slot` (backend `backendPID`) was found lost; `cause` says why
        /// ("terminated by administrator command").
        case connectionLost(slot: Int, backendPID: Int32?, cause: String)
    }

    /// A slot going between idle, in use and checking (a check-out, a check-in, a pre-ping, a reset): counted, not
    /// logged. Connects, closes, losses, failures, warnings and changes are the events the log and recordings keep.
    public var isRoutine: Bool {
        guard case .slotChanged(_, let from, let to, _) = kind else { return false }
        return !(from == nil || to == nil || to == .broken || to == .closing || from == .connecting)
    }

    public var isWarning: Bool {
        switch kind {
        case .connectFailed, .checkoutTimedOut, .leakSuspected, .warning, .connectRefused, .serverFull, .connectionLost:
            return true
        case .slotChanged, .configurationChanged, .connectsRestored: return false
        }
    }
}
