/// A knob's value refused: one line a user can read ("idle_timeout: '3x' is not a duration (e.g. 30s, 500ms)
/// or off"), naming the knob as the panel does, or as the flag (`--idle-timeout: …`) with `naming`.
public struct KnobError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The knob's name ("idle_timeout").
    public var knob: String
    /// What is wrong, read after the name (": '3x' is not a duration…", " must be 0 or more, not -3").
    public var problem: String

    public init(knob: String, _ problem: String) {
        self.knob = knob
        self.problem = problem
    }

    public var description: String { knob + problem }

    /// The message with the knob called `name` (the flag: "--idle-timeout").
    public func naming(_ name: String) -> String { name + problem }

    /// The command-line flag for a knob name: `pool_size` → `--pool-size`.
    public static func flag(_ knob: String) -> String { "--" + knob.replacing("_", with: "-") }
}

/// Reading knob values in the flags' syntax: the one parser the command line and the knobs panel share.
extension PoolKnob {
    /// Sets this knob in `configuration` from `text`, written as the flag's argument ("30s", "off",
    /// "unlimited", "100ms..10s", "fifo"). Throws, changing nothing, when the text is malformed or out of range.
    public func apply(_ text: String, to configuration: inout PoolConfiguration) throws(KnobError) {
        try Self.apply([(self, text)], to: &configuration)
    }

    /// Sets several knobs (the command line's overrides) and only then checks they allow a connection at all.
    public static func apply(_ values: [(PoolKnob, String)], to configuration: inout PoolConfiguration) throws(KnobError) {
        var new = configuration
        for (knob, text) in values { try knob.set(text, in: &new) }
        if new.poolSize == 0 && new.maxOverflow == 0 { throw KnobError(knob: PoolKnob.poolSize.name, " 0 with max_overflow 0 allows no connection") }
        configuration = new
    }

    private func set(_ text: String, in new: inout PoolConfiguration) throws(KnobError) {
        let value = KnobText.trimmed(text)
        switch self {
        case .poolSize: new.poolSize = try KnobText.count(value, knob: name)
        case .maxOverflow:
            new.maxOverflow = KnobText.isUnlimited(value) ? -1 : try KnobText.integer(value, knob: name, minimum: -1, range: "-1 (unlimited) or more")
        case .timeout: new.checkoutTimeout = try KnobText.duration(value, knob: name, allowsOff: false)
        case .maxLifetime: new.maxLifetime = try KnobText.positiveDuration(value, knob: name)
        case .idleTimeout: new.idleTimeout = try KnobText.positiveDuration(value, knob: name)
        case .minIdle: new.minimumIdle = try KnobText.count(value, knob: name)
        case .prePing: new.prePing = try KnobText.switchValue(value, knob: name)
        case .idleOrder: new.idleOrder = try KnobText.choice(value, knob: name, IdleOrder.self)
        case .reset: new.resetOnReturn = try KnobText.choice(value, knob: name, ResetMode.self)
        case .leakThreshold: new.leakThreshold = try KnobText.positiveDuration(value, knob: name)
        case .maxWaiters: new.maxWaiters = KnobText.isUnlimited(value) ? nil : try KnobText.count(value, knob: name)
        case .connectRetry:
            guard let backoff = Backoff(notation: value) else {
                throw KnobError(knob: name, ": '\(value)' is not first..longest delay, e.g. 100ms..10s (the longest not below the first)")
            }
            new.connectRetry = backoff
        }
    }

    /// The value one step up (`direction` > 0) or down from the one in force, in `apply`'s syntax: counts by
    /// one, durations along 100ms, 250ms, 500ms, 1s, 2s, 5s… (with `off` past the longest), switches flip.
    public func stepped(_ direction: Int, in configuration: PoolConfiguration) -> String {
        let c = configuration
        let up = direction > 0
        switch self {
        case .poolSize: return "\(max(0, c.poolSize + (up ? 1 : -1)))"
        case .maxOverflow:
            if c.maxOverflow < 0 { return up ? "unlimited" : "0" }
            return "\(max(-1, c.maxOverflow + (up ? 1 : -1)))"
        case .timeout: return DurationNotation.format(KnobText.step(c.checkoutTimeout, up: up) ?? c.checkoutTimeout)
        case .maxLifetime: return KnobText.stepOptional(c.maxLifetime, up: up)
        case .idleTimeout: return KnobText.stepOptional(c.idleTimeout, up: up)
        case .leakThreshold: return KnobText.stepOptional(c.leakThreshold, up: up)
        case .minIdle: return "\(max(0, c.minimumIdle + (up ? 1 : -1)))"
        case .prePing: return c.prePing ? "off" : "on"
        case .idleOrder: return KnobText.cycle(c.idleOrder, up: up).rawValue
        case .reset: return KnobText.cycle(c.resetOnReturn, up: up).rawValue
        case .maxWaiters:
            guard let limit = c.maxWaiters else { return up ? "unlimited" : "\(KnobText.countLadder.last!)" }
            return KnobText.countLadder.step(from: limit, up: up).map(String.init) ?? (up ? "unlimited" : "0")
        case .connectRetry:
            var backoff = c.connectRetry
            backoff.initial = KnobText.step(backoff.initial, up: up) ?? backoff.initial
            backoff.maximum = max(backoff.maximum, backoff.initial)
            return backoff.notation
        }
    }
}

extension Preset {
    /// The preset called `text` (any case); throws naming the presets there are.
    public static func parse(_ text: String) throws(KnobError) -> Preset {
        let value = KnobText.trimmed(text).lowercased()
        guard let preset = Preset(rawValue: value) else {
            throw KnobError(knob: "preset", ": no preset called '\(value)' (\(allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return preset
    }
}

/// The shared pieces of every knob's syntax: counts, durations with `off`, on/off, named choices, and the
/// ladders `+`/`-` step along.
public enum KnobText {
    public static func trimmed(_ text: String) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    static func isUnlimited(_ text: String) -> Bool { ["unlimited", "off", "none"].contains(text.lowercased()) }
    static func isOff(_ text: String) -> Bool { ["off", "none", "never"].contains(text.lowercased()) }

    /// A whole number, 0 or more.
    public static func count(_ text: String, knob: String) throws(KnobError) -> Int {
        try integer(text, knob: knob, minimum: 0, range: "0 or more")
    }

    static func integer(_ text: String, knob: String, minimum: Int, range: String) throws(KnobError) -> Int {
        guard let value = Int(text) else { throw KnobError(knob: knob, ": '\(text)' is not a whole number (\(range))") }
        guard value >= minimum else { throw KnobError(knob: knob, " must be \(range), not \(value)") }
        return value
    }

    /// A duration in `DurationNotation` ("30s", "500ms", "1m30s"; a bare number is seconds).
    public static func duration(_ text: String, knob: String, allowsOff: Bool) throws(KnobError) -> Duration {
        guard let value = DurationNotation.parse(text) else {
            throw KnobError(knob: knob, ": '\(text)' is not a duration (e.g. 30s, 500ms)" + (allowsOff ? " or off" : ""))
        }
        return value
    }

    /// A duration longer than zero, or `off` (nil).
    public static func positiveDuration(_ text: String, knob: String) throws(KnobError) -> Duration? {
        if isOff(text) { return nil }
        let value = try duration(text, knob: knob, allowsOff: true)
        guard value > .zero else { throw KnobError(knob: knob, " must be longer than 0s, or off") }
        return value
    }

    /// on/off (also true/false, yes/no).
    public static func switchValue(_ text: String, knob: String) throws(KnobError) -> Bool {
        switch text.lowercased() {
        case "on", "true", "yes": return true
        case "off", "false", "no": return false
        default: throw KnobError(knob: knob, ": '\(text)' is not on or off")
        }
    }

    static func choice<Choice: RawRepresentable & CaseIterable>(_ text: String, knob: String, _: Choice.Type) throws(KnobError) -> Choice
    where Choice.RawValue == String {
        guard let value = Choice(rawValue: text.lowercased()) else {
            throw KnobError(knob: knob, ": '\(text)' is not one of \(Choice.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    static func cycle<Choice: Equatable & CaseIterable>(_ value: Choice, up: Bool) -> Choice where Choice.AllCases == [Choice] {
        let all = Choice.allCases
        let index = all.firstIndex(of: value) ?? 0
        return all[(index + (up ? 1 : all.count - 1)) % all.count]
    }

    static let durationLadder: [Duration] = [
        .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(2), .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(120),
        .seconds(300), .seconds(600), .seconds(1800), .seconds(3600),
    ]
    static let countLadder = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]

    /// The next rung of the duration ladder above or below `value`; nil past either end.
    public static func step(_ value: Duration, up: Bool) -> Duration? { durationLadder.step(from: value, up: up) }

    /// Like `step`, with `off` above the longest rung: `+` from the longest gives off, `-` from off the longest.
    static func stepOptional(_ value: Duration?, up: Bool) -> String {
        guard let value else { return up ? "off" : DurationNotation.format(durationLadder.last!) }
        guard let next = step(value, up: up) else { return up ? "off" : DurationNotation.format(value) }
        return DurationNotation.format(next)
    }
}

extension Array where Element: Comparable {
    /// The first element above `value` (up) or the last below it (down), in this ascending list.
    func step(from value: Element, up: Bool) -> Element? {
        up ? first { $0 > value } : last { $0 < value }
    }
}
