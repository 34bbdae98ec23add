import Workload

/// What the watch screen shows, each state with what it draws from: nothing yet, the client pools, one pool's
/// connections, or the server's outage. The poller's snapshots come in through `receive`, Enter and Esc through
/// `open` and `back`; `WatchFrameBuilder` draws by the state. Pure.
public enum WatchPhase: Sendable, Equatable {
    /// No poll has answered yet: "collecting data…".
    case loading
    /// The client pools of the latest snapshot.
    case pools(WatchSnapshot)
    /// Enter on a pool: its connections in the latest snapshot (it may have none left).
    case pool(ClientPoolKey, WatchSnapshot)
    /// The server cannot be read: the rows give way to why, the header says since when and the next attempt.
    case unreachable(WatchOutage)

    /// A poll's snapshot: an outage when it could not read the server, else the pools, or the pool that was open
    /// (also when it was open as the outage began).
    public mutating func receive(_ snapshot: WatchSnapshot) {
        let opened = self.opened
        if let reason = snapshot.unavailable {
            self = .unreachable(WatchOutage(reason: reason, snapshot: snapshot, opened: opened))
        } else if let opened {
            self = .pool(opened, snapshot)
        } else {
            self = .pools(snapshot)
        }
    }

    /// Enter on a pool of the table: its connections.
    public mutating func open(_ key: ClientPoolKey) {
        guard case .pools(let snapshot) = self else { return }
        self = .pool(key, snapshot)
    }

    /// Esc: back to the pools (in an outage, the pools are what comes back with the server).
    public mutating func back() {
        switch self {
        case .pool(_, let snapshot): self = .pools(snapshot)
        case .unreachable(var outage):
            outage.opened = nil
            self = .unreachable(outage)
        case .loading, .pools: break
        }
    }

    /// The snapshot drawn: the latest poll's (in an outage, the poll that failed).
    public var snapshot: WatchSnapshot? {
        switch self {
        case .loading: nil
        case .pools(let snapshot), .pool(_, let snapshot): snapshot
        case .unreachable(let outage): outage.snapshot
        }
    }

    /// The pool whose connections are shown (or shown again when the server is back).
    public var opened: ClientPoolKey? {
        switch self {
        case .pool(let key, _): key
        case .unreachable(let outage): outage.opened
        case .loading, .pools: nil
        }
    }
}

/// The watch screen while the server cannot be read.
public struct WatchOutage: Sendable, Equatable {
    /// "n/a: server unreachable — connection refused", what row 2 says instead of the pools.
    public var reason: String
    /// The poll that failed: the version and limit last known, the history, the server's events; its
    /// `reachability` says since when the server is gone and when the monitor tries again.
    public var snapshot: WatchSnapshot
    /// The pool that was open when the server went, open again when it is back.
    public var opened: ClientPoolKey?
}
