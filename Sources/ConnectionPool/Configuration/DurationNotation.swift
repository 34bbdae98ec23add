/// How durations are written everywhere: the command line's flags, configuration changes, events and the
/// screen. Units `ns`, `µs` (typed `us` too), `ms`, `s`, `m` (minutes) and `h`; parts may be combined
/// (`1h30m`, `3m05s`); a bare number is seconds. `parse` reads back whatever `format` and `abbreviated` print.
public enum DurationNotation {
    /// "250ms", "2s", "0.5s", "1.5m", "10min", "1h", "500us", "3m05s", or a bare number of seconds.
    /// Nil if malformed or negative.
    public static func parse(_ text: String) -> Duration? {
        var rest = Substring(text).drop(while: \.isWhitespace)
        while rest.last?.isWhitespace == true { rest = rest.dropLast() }
        guard !rest.isEmpty else { return nil }
        var total = 0.0
        var parts = 0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { !($0.isNumber || $0 == ".") }
            rest = rest.dropFirst(unit.count)
            guard let value = Double(number), value.isFinite else { return nil }
            guard let scale = nanosecondsPerUnit(unit.lowercased(), alone: parts == 0 && rest.isEmpty) else { return nil }
            total += value * scale
            parts += 1
        }
        guard total < Double(Int64.max) else { return nil }
        return .nanoseconds(Int64(total.rounded()))
    }

    /// The exact, shortest form: "0s", "250ms", "1.5s", "90s", "10m", "1h", "40µs".
    public static func format(_ duration: Duration) -> String {
        let nanoseconds = duration.nanoseconds
        if nanoseconds == 0 { return "0s" }
        for (unit, scale) in units where abs(nanoseconds) >= scale {
            let exact = scale >= 60_000_000_000 ? nanoseconds % scale == 0 : nanoseconds % (scale / 1000) == 0
            guard exact else { continue }
            if nanoseconds % scale == 0 { return "\(nanoseconds / scale)\(unit)" }
            return DecimalNotation.trimmed(Double(nanoseconds) / Double(scale)) + unit
        }
        return "\(nanoseconds)ns"
    }

    /// A rounded form for live measurements, at most about six characters: "850µs", "12ms", "1.3s",
    /// "42s", "3m05s", "2h04m".
    public static func abbreviated(_ duration: Duration) -> String {
        let seconds = duration.seconds
        if seconds == 0 { return "0s" }
        if seconds < 0.001 { return "\(Int((seconds * 1_000_000).rounded()))µs" }
        if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
        if seconds < 10 { return DecimalNotation.fixed(seconds, digits: 1) + "s" }
        if seconds < 60 { return "\(Int(seconds))s" }
        let total = Int(seconds)
        if total < 3600 { return "\(total / 60)m" + twoDigits(total % 60) + "s" }
        return "\(total / 3600)h" + twoDigits((total % 3600) / 60) + "m"
    }

    private static let units: [(String, Int64)] = [
        ("h", 3_600_000_000_000), ("m", 60_000_000_000), ("s", 1_000_000_000), ("ms", 1_000_000), ("µs", 1_000),
    ]

    private static func nanosecondsPerUnit(_ unit: String, alone: Bool) -> Double? {
        switch unit {
        case "": alone ? 1e9 : nil
        case "ns": 1
        case "us", "µs", "μs": 1e3
        case "ms": 1e6
        case "s", "sec": 1e9
        case "m", "min": 60e9
        case "h": 3600e9
        default: nil
        }
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

extension Duration {
    /// The whole duration in nanoseconds (saturating).
    @inlinable public var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return product &+ attoseconds / 1_000_000_000
    }

    @inlinable public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
    @inlinable public var milliseconds: Double { seconds * 1e3 }
}
