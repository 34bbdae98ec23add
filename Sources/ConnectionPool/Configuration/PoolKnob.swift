/// Every knob of `PoolConfiguration` by its one name: the command-line flag's, in snake_case
/// (`--pool-size` is `pool_size`). Events, the status line, the header and error messages all use these
/// names and `value(in:)`, so a value shown can be typed back as the flag's argument.
public enum PoolKnob: String, Sendable, CaseIterable {
    case poolSize = "pool_size"
    case maxOverflow = "max_overflow"
    case timeout
    case maxLifetime = "max_lifetime"
    case idleTimeout = "idle_timeout"
    case minIdle = "min_idle"
    case prePing = "pre_ping"
    case idleOrder = "idle_order"
    case reset
    case leakThreshold = "leak_threshold"
    case maxWaiters = "max_waiters"
    case connectRetry = "connect_retry"

    public var name: String { rawValue }

    /// The knob's value in `configuration`: "5", "unlimited", "30s", "off", "on", "fifo", "discard-all",
    /// "100ms..10s" (with "×3" appended when the back-off does not double).
    public func value(in configuration: PoolConfiguration) -> String {
        let c = configuration
        func duration(_ value: Duration?) -> String { value.map(DurationNotation.format) ?? "off" }
        switch self {
        case .poolSize: return "\(c.poolSize)"
        case .maxOverflow: return c.maxOverflow < 0 ? "unlimited" : "\(c.maxOverflow)"
        case .timeout: return duration(c.checkoutTimeout)
        case .maxLifetime: return duration(c.maxLifetime)
        case .idleTimeout: return duration(c.idleTimeout)
        case .minIdle: return "\(c.minimumIdle)"
        case .prePing: return c.prePing ? "on" : "off"
        case .idleOrder: return c.idleOrder.rawValue
        case .reset: return c.resetOnReturn.rawValue
        case .leakThreshold: return duration(c.leakThreshold)
        case .maxWaiters: return c.maxWaiters.map(String.init) ?? "unlimited"
        case .connectRetry: return c.connectRetry.notation
        }
    }
}

extension PoolConfiguration {
    /// What changed from `self` to `new`, one entry per knob ("pool_size 5 → 6"), the preset first
    /// ("preset sqlalchemy → custom"); a switch to a named preset says which knobs it moved
    /// ("preset sqlalchemy → hikari moves pool_size, max_overflow"). The pool emits one event per entry.
    public func changes(to new: PoolConfiguration) -> [String] {
        let moved = PoolKnob.allCases.filter { $0.value(in: self) != $0.value(in: new) }
        var changes: [String] = []
        if presetName != new.presetName {
            let named = Preset(rawValue: new.presetName) != nil
            changes.append("preset \(presetName) → \(new.presetName)"
                + (named ? (moved.isEmpty ? " moves no knob" : " moves " + moved.map(\.name).joined(separator: ", ")) : ""))
        }
        for knob in moved { changes.append("\(knob.name) \(knob.value(in: self)) → \(knob.value(in: new))") }
        return changes
    }

    /// `new` as the pool applies it over `self`: a knob changed under an unchanged preset name makes the
    /// configuration "custom".
    public func successor(_ new: PoolConfiguration) -> PoolConfiguration {
        var new = new
        var knobsOnly = new
        knobsOnly.presetName = presetName
        if knobsOnly != self, new.presetName == presetName, presetName != "custom" { new.presetName = "custom" }
        return new
    }
}

extension Backoff {
    /// `--connect-retry`'s syntax: "100ms..10s" (first..longest delay, doubling); a single duration is the
    /// first delay with the default cap. Nil if malformed, not positive, or the cap is below the first delay.
    public init?(notation: String) {
        let parts = notation.split(separator: "..", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), let initial = DurationNotation.parse(parts[0]), initial > .zero else { return nil }
        self.init(initial: initial)
        if parts.count == 2 {
            guard let maximum = DurationNotation.parse(parts[1]), maximum >= initial else { return nil }
            self.maximum = maximum
        } else {
            self.maximum = Swift.max(maximum, initial)
        }
    }

    /// "100ms..10s", with "×3" appended when the delay does not double (the flag cannot say that).
    public var notation: String {
        let range = DurationNotation.format(initial) + ".." + DurationNotation.format(maximum)
        return multiplier == 2 ? range : range + " ×" + DecimalNotation.trimmed(multiplier)
    }
}
