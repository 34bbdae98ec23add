import ConnectionPool
import LibPQ
import Workload

/// The run's own settings in the flags' syntax (`--pgbouncer`, `--dead-link-timeout`, `--paused`, bench's and
/// sweep's `--duration`, sweep's `--sizes`): the one parser each flag and its config key share.
public enum RunValue {
    /// `pooltop bench` measures this long unless told otherwise.
    public static let benchDuration: Duration = .seconds(10)
    /// Each run of `pooltop sweep` measures this long unless told otherwise.
    public static let sweepDuration: Duration = .milliseconds(1500)
    /// The pool sizes a sweep may try unless told otherwise.
    public static let sweepSizes = "1..64"

    /// pgbouncer's admin console: a URL or conninfo, as `--url` takes it; the problem never quotes a password.
    public static func pgbouncer(_ text: String) throws(KnobError) -> ConnectionTarget {
        do { return try ConnectionTarget(text) } catch { throw KnobError(knob: ConfigKey.pgbouncer.name, ": \(error.message)") }
    }

    /// A duration, or 0 or off for no bound (nil).
    public static func deadLinkTimeout(_ text: String) throws(KnobError) -> Duration? {
        let value = KnobText.trimmed(text)
        if DurationNotation.parse(value) == .zero { return nil }
        return try KnobText.positiveDuration(value, knob: ConfigKey.deadLinkTimeout.name)
    }

    /// Whether the load starts paused: on or off.
    public static func paused(_ text: String) throws(KnobError) -> Bool {
        try KnobText.switchValue(KnobText.trimmed(text), knob: ConfigKey.paused.name)
    }

    /// How long a bench, or each run of a sweep, measures: longer than zero.
    public static func duration(_ text: String) throws(KnobError) -> Duration {
        let duration = try KnobText.duration(KnobText.trimmed(text), knob: "duration", allowsOff: false)
        guard duration > .zero else { throw KnobError(knob: "duration", " must be longer than 0s") }
        return duration
    }

    /// The pool sizes a sweep may try: a list (2,4,8) or ranges (1..16, 4..32:4), as `Sweep.parseSizes` reads them.
    public static func sizes(_ text: String) throws(KnobError) -> [Int] {
        do { return try Sweep.parseSizes(text) } catch { throw KnobError(knob: ConfigKey.sweepSizes.name, ": \(error.description)") }
    }
}
