import ConnectionPool

/// Every knob of the load by its one name (the flag's: `--workers`, `--think`, `--rate`, `--mix`; `mode` is
/// pool or no-pool), read and written in the flags' syntax. Events, the header and the knobs panel use these
/// names and `value(in:)`, so a value shown can be typed back.
public enum LoadKnob: String, Sendable, CaseIterable {
    case workers
    case think
    case rate
    case mix
    case mode

    public var name: String { rawValue }

    /// "32", "10ms", "off" (closed loop) or "250" queries a second, the `--mix` string, "pool" or "no-pool".
    public func value(in settings: LoadSettings) -> String {
        switch self {
        case .workers: return "\(settings.workers)"
        case .think: return DurationNotation.format(settings.thinkTime)
        case .rate: return settings.arrivalRate.map { DecimalNotation.trimmed($0) } ?? "off"
        case .mix: return settings.mix.mixString
        case .mode: return settings.mode.rawValue
        }
    }

    /// Sets this knob in `settings` from `text`; throws, changing nothing, when it is malformed or out of range.
    /// `rate off` switches to the closed loop, a rate to the open loop.
    public func apply(_ text: String, to settings: inout LoadSettings) throws(KnobError) {
        let value = KnobText.trimmed(text)
        switch self {
        case .workers: settings.workers = try KnobText.count(value, knob: name)
        case .think: settings.thinkTime = try KnobText.duration(value, knob: name, allowsOff: false)
        case .rate: settings.arrivalRate = try Self.rate(value)
        case .mix:
            do { settings.mix = try QueryMix.parse(value) } catch { throw KnobError(knob: name, ": \(error.message)") }
        case .mode:
            guard let mode = LoadMode(rawValue: value.lowercased()) else { throw KnobError(knob: name, ": '\(value)' is not pool or no-pool") }
            settings.mode = mode
        }
    }

    /// The value one step up or down from the one in force: workers by one, think by 10ms, the rate along
    /// 1, 2, 5, 10, 20, 50… a second (`off`, the closed loop, below 1), the mode flips. Nil: typed only (the mix).
    public func stepped(_ direction: Int, in settings: LoadSettings) -> String? {
        let up = direction > 0
        switch self {
        case .workers: return "\(max(0, settings.workers + (up ? 1 : -1)))"
        case .think: return DurationNotation.format(max(.zero, settings.thinkTime + .milliseconds(up ? 10 : -10)))
        case .rate:
            guard let rate = settings.arrivalRate else { return up ? DecimalNotation.trimmed(Self.rateLadder[0]) : "off" }
            let next = up ? Self.rateLadder.first { $0 > rate } : Self.rateLadder.last { $0 < rate }
            return next.map { DecimalNotation.trimmed($0) } ?? (up ? DecimalNotation.trimmed(rate) : "off")
        case .mix: return nil
        case .mode: return settings.mode == .pool ? LoadMode.noPool.rawValue : LoadMode.pool.rawValue
        }
    }

    /// `--rate`'s syntax: a positive number of queries a second, or `off` for the closed loop (nil).
    public static func rate(_ text: String) throws(KnobError) -> Double? {
        if ["off", "none", "closed"].contains(text.lowercased()) { return nil }
        guard let rate = Double(text) else { throw KnobError(knob: "rate", ": '\(text)' is not a number of queries a second, or off") }
        guard rate > 0, rate.isFinite else { throw KnobError(knob: "rate", " must be a positive number of queries a second, or off") }
        return rate
    }

    static let rateLadder: [Double] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000]
}

extension LoadSettings {
    /// What changed from `self` to `new`, one entry per knob in the events' words ("workers 32 → 40",
    /// "rate off → 100"); pausing reads "load paused" / "load resumed".
    public func changes(to new: LoadSettings) -> [String] {
        var changes: [String] = []
        for knob in LoadKnob.allCases {
            let old = knob.value(in: self)
            let value = knob.value(in: new)
            if old != value { changes.append("\(knob.name) \(old) → \(value)") }
        }
        if paused != new.paused { changes.append(new.paused ? "load paused" : "load resumed") }
        return changes
    }
}
