/// Durations as people type them on a command line ("10ms", "2s", "1.5m", "250us"); a bare number is seconds.
public enum DurationParsing {
    /// Parses "10ms", "2s", "0.5s", "3m", "1h", "500us", "20ns", or a bare number of seconds. Nil if malformed or negative.
    public static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { return nil }
        let numberEnd = trimmed.firstIndex { !($0.isNumber || $0 == ".") } ?? trimmed.endIndex
        guard let value = Double(trimmed[..<numberEnd]), value >= 0, value.isFinite else { return nil }
        let nanosecondsPerUnit: Double
        switch trimmed[numberEnd...].lowercased() {
        case "ns": nanosecondsPerUnit = 1
        case "us", "µs": nanosecondsPerUnit = 1e3
        case "ms": nanosecondsPerUnit = 1e6
        case "", "s", "sec": nanosecondsPerUnit = 1e9
        case "m", "min": nanosecondsPerUnit = 60e9
        case "h": nanosecondsPerUnit = 3600e9
        default: return nil
        }
        let nanoseconds = value * nanosecondsPerUnit
        guard nanoseconds < Double(Int64.max) else { return nil }
        return .nanoseconds(Int64(nanoseconds.rounded()))
    }

    /// The shortest readable form that `parse` reads back: "10ms", "2s", "1.5s", "250us".
    public static func format(_ duration: Duration) -> String {
        let nanoseconds = duration.nanoseconds
        if nanoseconds == 0 { return "0s" }
        let units: [(String, Int64)] = [("h", 3_600_000_000_000), ("m", 60_000_000_000), ("s", 1_000_000_000), ("ms", 1_000_000), ("us", 1_000)]
        for (unit, scale) in units where abs(nanoseconds) >= scale {
            let exact = unit == "h" || unit == "m" ? nanoseconds % scale == 0 : nanoseconds % (scale / 1000) == 0
            if exact { return "\(trimmedDecimal(Double(nanoseconds) / Double(scale)))\(unit)" }
        }
        return "\(nanoseconds)ns"
    }

    /// Seconds as PostgreSQL reads them in `pg_sleep`, e.g. 0.01 for 10 ms.
    static func secondsLiteral(_ duration: Duration) -> String {
        trimmedDecimal(duration.seconds, digits: 6)
    }

    /// `value` with at most `digits` decimals and no trailing zeros: 0.01, 1.5, 2.
    static func trimmedDecimal(_ value: Double, digits: Int = 3) -> String {
        var text = Substring(fixedDecimal(value, digits: digits))
        guard text.contains(".") else { return String(text) }
        while text.last == "0" { text = text.dropLast() }
        if text.last == "." { text = text.dropLast() }
        return String(text)
    }

    /// `value` with exactly `digits` decimals (Jain's index reads 0.998, not 1, until it is 1.000);
    /// no sign when it rounds to zero.
    static func fixedDecimal(_ value: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        let text = String(scaled)
        let padded = String(repeating: "0", count: max(0, digits + 1 - text.count)) + text
        let sign = value < 0 && scaled != 0 ? "-" : ""
        return digits == 0 ? sign + padded : sign + padded.dropLast(digits) + "." + padded.suffix(digits)
    }
}

extension Duration {
    /// The whole duration in nanoseconds (saturating).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return product &+ attoseconds / 1_000_000_000
    }

    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
    var milliseconds: Double { seconds * 1e3 }
}

extension String {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
        while slice.last?.isWhitespace == true { slice = slice.dropLast() }
        return String(slice)
    }
}

/// A command-line duration ("250ms", "2s", "1.5m", "1h"; a bare number is seconds), or a readable error.
public func parseDuration(_ text: String) throws(WorkloadError) -> Duration {
    guard let duration = DurationParsing.parse(text) else {
        throw .invalidOptions("\"\(text)\" is not a duration (try 250ms, 2s, 1.5m, 1h)")
    }
    return duration
}
