import ConnectionPool

/// How a pool event reads in the log, and whether the log shows it at all.
enum EventText {
    /// Check-outs and check-ins are counted, not logged: the log keeps connects, closes, failures, warnings, changes.
    static func isLogged(_ event: PoolEvent) -> Bool { !event.isRoutine }

    static func describe(_ event: PoolEvent, glyphs: Glyphs) -> String {
        switch event.kind {
        case .slotChanged(let slot, let from, let to, let reason):
            let why = reason.map { " (\($0.rawValue))" } ?? ""
            switch (from, to) {
            case (nil, .some(let state)): return "slot \(slot) \(state == .connecting ? "connecting" : "opened " + state.rawValue)"
            case (.some, nil): return "slot \(slot) closed\(why)"
            case (.connecting?, .idle?), (.connecting?, .inUse?): return "slot \(slot) connected"
            case (let a?, let b?): return "slot \(slot) \(a.rawValue) \(glyphs.arrow) \(b.rawValue)\(why)"
            case (nil, nil): return "slot \(slot) gone\(why)"
            }
        case .connectFailed(let message, let retryIn):
            return "connect failed: \(message) (retry in \(Format.duration(retryIn)))"
        case .checkoutTimedOut(let holder, let waited, let limits):
            return "timeout: \(holder) waited \(Format.duration(waited)) [\(limits)]"
        case .leakSuspected(let slot, let holder, let heldFor):
            return "leak? slot \(slot) held by \(holder) for \(Format.duration(heldFor))"
        case .configurationChanged(let description):
            return "config: \(description)"
        case .warning(let message):
            return "warning: \(message)"
        case .connectRefused(let message, let retryIn):
            return "server not accepting connections (connection refused): \(message) (retry in \(Format.duration(retryIn)))"
        case .serverFull(_, let retryIn):
            return "too many connections (max_connections reached): serving with the connections open (retry in \(Format.duration(retryIn)))"
        case .connectsRestored(let failedFor, let failures):
            return "server accepting connections again after \(Format.duration(failedFor)) (\(failures) failed \(failures == 1 ? "attempt" : "attempts"))"
        case .connectionLost(let slot, let backendPID, let cause):
            let backend = backendPID.map { "backend \($0)" } ?? "connection"
            return "\(backend) (slot \(slot)) \(cause)"
        }
    }

    static func role(_ event: PoolEvent) -> Role {
        switch event.kind {
        case .slotChanged(_, _, let to, let reason):
            if to == .broken || reason == .broken { return .error }
            return to == nil ? .muted : .text
        case .checkoutTimedOut, .connectFailed, .connectRefused, .connectionLost: return .error
        case .serverFull: return .warning
        case .connectsRestored: return .accent
        case .leakSuspected, .warning: return .warning
        case .configurationChanged: return .accent
        }
    }
}
