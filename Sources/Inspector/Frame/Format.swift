import ConnectionPool

/// Short human formats for durations, counts and rates, shared by every view.
public enum Format {
    /// `DurationNotation.abbreviated` (`850µs`, `12ms`, `1.4s`, `3m05s`, `2h04m`; ASCII mode shows `us`);
    /// `-` for none or a negative one.
    public static func duration(_ duration: Duration?) -> String {
        guard let duration, duration >= .zero else { return "-" }
        return DurationNotation.abbreviated(duration)
    }

    /// `hh:mm:ss` (days prefixed when longer).
    static func clock(_ duration: Duration) -> String {
        let total = max(0, Int(duration.seconds))
        let days = total / 86_400
        let time = pad2((total % 86_400) / 3600) + ":" + pad2((total % 3600) / 60) + ":" + pad2(total % 60)
        return days > 0 ? "\(days)d " + time : time
    }

    /// `950`, `12.3k`, `4.5M`.
    static func count(_ value: Double) -> String {
        if value < 1000 { return value == value.rounded() ? "\(Int(value))" : String(format1: value) }
        if value < 1_000_000 { return String(format1: value / 1000) + "k" }
        return String(format1: value / 1_000_000) + "M"
    }

    static func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// Pads or cuts `text` to exactly `width` characters, cutting with `ellipsis`.
    static func fit(_ text: String, _ width: Int, ellipsis: String, alignRight: Bool = false) -> String {
        guard width > 0 else { return "" }
        let count = text.unicodeScalars.count
        if count > width {
            let keep = max(0, width - ellipsis.unicodeScalars.count)
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: text.unicodeScalars.prefix(keep))
            return String(scalars) + (width > ellipsis.unicodeScalars.count ? ellipsis : "")
        }
        let padding = String(repeating: " ", count: width - count)
        return alignRight ? padding + text : text + padding
    }
}

extension String {
    /// One decimal place, without Foundation.
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(abs(tenths % 10))"
    }
}
