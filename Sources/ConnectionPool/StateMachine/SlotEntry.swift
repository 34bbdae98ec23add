/// One slot as the state machine keeps it. What is true only in some states lives in that state's
/// payload (`SlotPhase`), so a slot cannot hold a holder while idle or an idle time while in use.
extension PoolStateMachine {
    struct SlotEntry: Sendable {
        typealias Phase = SlotPhase
        typealias Open = SlotOpen
        typealias Holding = SlotHolding

        let id: Int
        var kind: SlotKind
        /// Check-outs served by this connection.
        var uses = 0
        /// What the slot is doing, with the data valid in that state; changed only by `enter`.
        private(set) var phase: Phase
        /// `phase`'s state, kept beside it by `enter` so that a state check reads one byte.
        private(set) var state: SlotState
        /// The connection: nil exactly while `phase` is `.connecting` (set once, by `opened`).
        private(set) var connection: Connection?

        init(id: Int, kind: SlotKind, connectStartedAt: Duration) {
            self.id = id
            self.kind = kind
            phase = .connecting(startedAt: connectStartedAt)
            state = .connecting
        }

        /// The connect finished with `connection`; the next `enter` says what the slot does with it.
        mutating func opened(_ connection: Connection) {
            precondition(self.connection == nil, "slot \(id) opened twice")
            self.connection = connection
        }

        mutating func enter(_ phase: consuming Phase) {
            state = phase.state
            self.phase = phase
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
            switch phase {
            case .connecting(let startedAt):
                return Slot(id: id, state: state, kind: kind, age: now - startedAt, uses: uses)
            case .idle(let open, let since):
                return Slot(
                    id: id, state: state, kind: kind, age: now - open.openedAt, idleFor: now - since, uses: uses,
                    backendPID: open.backendPID)
            case .pinging(let open, let holding), .inUse(let open, let holding):
                return Slot(
                    id: id, state: state, kind: kind, age: now - open.openedAt, uses: uses, holder: holding.holder,
                    heldFor: now - holding.since, backendPID: open.backendPID, query: holding.activity?.query,
                    queryFor: holding.activity.map { now - $0.startedAt })
            case .resetting(let open), .closing(let open), .broken(let open):
                return Slot(
                    id: id, state: state, kind: kind, age: now - open.openedAt, uses: uses, backendPID: open.backendPID)
            }
        }
    }

    /// The phase of the slot at `index`, read in place (`slots[index].phase` copies the whole entry out first).
    @inline(__always)
    func phase(at index: Int) -> SlotPhase {
        slots.withUnsafeBufferPointer { $0[index].phase }
    }

    /// The connection of the slot at `index`, which is past connecting.
    @inline(__always)
    func connection(at index: Int) -> Connection {
        slots.withUnsafeBufferPointer { $0[index].connection! }
    }
}

/// What a slot is doing, with exactly the data valid while it does it. Not generic (the connection
/// itself stays in `SlotEntry`), so copying it is plain specialised code on the hot path.
enum SlotPhase: Sendable {
    /// The connect started at `startedAt` is in flight.
    case connecting(startedAt: Duration)
    /// Free, since `since` (the check-in).
    case idle(SlotOpen, since: Duration)
    /// Leased; the pre-ping runs before the holder may use it.
    case pinging(SlotOpen, SlotHolding)
    case inUse(SlotOpen, SlotHolding)
    /// Checked in; the session reset runs before it is free again.
    case resetting(SlotOpen)
    /// Being closed by the pool.
    case closing(SlotOpen)
    /// Found lost (checked in broken or unusable, or a failed pre-ping or reset), being closed.
    case broken(SlotOpen)

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

/// What is known of a slot's opened connection.
struct SlotOpen: Sendable {
    var backendPID: Int32?
    var openedAt: Duration
}

/// One check-out's hold on a slot.
struct SlotHolding: Sendable {
    var holder: String
    var checkout: UInt64
    var since: Duration
    var leakWarned = false
    /// The statement the holder reported as running, and since when.
    var activity: (query: String, startedAt: Duration)?
}
