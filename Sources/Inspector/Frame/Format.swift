/// Short human formats for durations, counts and rates, shared by every view.
public enum Format {
    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// `850µs`, `12ms`, `1.4s`, `3m05s`, `2h04m`.
    public static func duration(_ duration: Duration?) -> String {
        guard let duration else { return "-" }
        let s = seconds(duration)
        if s < 0 { return "-" }
        if s == 0 { return "0" }
        if s < 0.001 { return "\(Int((s * 1_000_000).rounded()))us" }
        if s < 1 { return "\(Int((s * 1000).rounded()))ms" }
        if s < 10 { return String(format1: s) + "s" }
        if s < 60 { return "\(Int(s))s" }
        let total = Int(s)
        if total < 3600 { return "\(total / 60)m" + pad2(total % 60) + "s" }
        return "\(total / 3600)h" + pad2((total % 3600) / 60) + "m"
    }

    /// `hh:mm:ss` (days prefixed when longer).
    static func clock(_ duration: Duration) -> String {
        let total = max(0, Int(seconds(duration)))
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
