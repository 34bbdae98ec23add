/// A connection the state machine handed to one check-out.
struct PoolAssignment<Connection: Sendable>: Sendable {
    var connection: Connection
    var slot: Int
    var checkout: UInt64
    /// When the check-out started (kept across a pre-ping retry), since the pool started.
    var requestedAt: Duration
    var waited: Duration
    /// Pre-ping is on: ping, then report `prePingSucceeded` or `prePingFailed`.
    var needsPing: Bool
}
