/// One slot as the state machine keeps it. What is true only in some states lives in that state's
/// payload, so a slot cannot hold a holder while idle or an idle time while in use.
extension PoolStateMachine {
    struct SlotEntry: Sendable {
        let id: Int
        var kind: SlotKind
        /// Check-outs served by this connection.
        var uses = 0
        /// What the slot is doing, with the data valid in that state; changed only by `enter`.
        private(set) var phase: Phase
        /// `phase`'s state, kept beside it by `enter` so that a state check reads one byte instead of
        /// copying the entry (with its payload) out of the array.
        private(set) var state: SlotState

        init(id: Int, kind: SlotKind, phase: Phase) {
            self.id = id
            self.kind = kind
            self.phase = phase
            self.state = phase.state
        }

        mutating func enter(_ phase: consuming Phase) {
            state = phase.state
            self.phase = phase
        }

        enum Phase: Sendable {
            /// The connect started at `startedAt` is in flight.
            case connecting(startedAt: Duration)
            /// Free, since `since` (the check-in).
            case idle(Open, since: Duration)
            /// Leased; the pre-ping runs before the holder may use it.
            case pinging(Open, Holding)
            case inUse(Open, Holding)
            /// Checked in; the session reset runs before it is free again.
            case resetting(Open)
            /// Being closed by the pool.
            case closing(Open)
            /// Found lost (checked in broken or unusable, or a failed pre-ping or reset), being closed.
            case broken(Open)

            var state: SlotState {
                switch self {
                case .connecting: .connecting
                case .idle: .idle
                case .pinging, .resetting: .checking
                case .inUse: .inUse
                case .closing: .closing
                case .broken: .broken
                }
            }
        }

        /// An opened connection.
        struct Open: Sendable {
            var connection: Connection
            var backendPID: Int32?
            var openedAt: Duration
        }

        /// One check-out's hold on the slot.
        struct Holding: Sendable {
            var holder: String
            var checkout: UInt64
            var since: Duration
            var leakWarned = false
            /// The statement the holder reported as running, and since when.
            var activity: (query: String, startedAt: Duration)?
        }

        /// Closing or broken: the close is under way and the slot no longer counts as live.
        var isClosing: Bool { state == .closing || state == .broken }

        /// The hold of check-out `checkout`, if the slot is in use (or pinging) by it.
        func holding(_ checkout: UInt64) -> Holding? {
            switch phase {
            case .inUse(_, let holding), .pinging(_, let holding): holding.checkout == checkout ? holding : nil
            default: nil
            }
        }

        /// The slot as snapshots show it at `now`.
        func snapshot(now: Duration) -> Slot {
            var slot = Slot(id: id, state: state, kind: kind, uses: uses)
            switch phase {
            case .connecting(let startedAt):
                slot.age = now - startedAt
            case .idle(let open, let since):
                slot.age = now - open.openedAt
                slot.backendPID = open.backendPID
                slot.idleFor = now - since
            case .pinging(let open, let holding), .inUse(let open, let holding):
                slot.age = now - open.openedAt
                slot.backendPID = open.backendPID
                slot.holder = holding.holder
                slot.heldFor = now - holding.since
                slot.query = holding.activity?.query
                slot.queryFor = holding.activity.map { now - $0.startedAt }
            case .resetting(let open), .closing(let open), .broken(let open):
                slot.age = now - open.openedAt
                slot.backendPID = open.backendPID
            }
            return slot
        }
    }
}
