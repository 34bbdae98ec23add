/// Decimal numbers as pooltop prints them, without Foundation (durations, weights, fairness indexes).
public enum DecimalNotation {
    /// `value` with at most `digits` decimals and no trailing zeros: 0.01, 1.5, 2.
    public static func trimmed(_ value: Double, digits: Int = 3) -> String {
        var text = Substring(fixed(value, digits: digits))
        guard text.contains(".") else { return String(text) }
        while text.last == "0" { text = text.dropLast() }
        if text.last == "." { text = text.dropLast() }
        return String(text)
    }

    /// `value` with exactly `digits` decimals (Jain's index reads 0.998, not 1, until it is 1.000);
    /// no sign when it rounds to zero.
    public static func fixed(_ value: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        let text = String(scaled)
        let padded = String(repeating: "0", count: max(0, digits + 1 - text.count)) + text
        let sign = value < 0 && scaled != 0 ? "-" : ""
        return digits == 0 ? sign + padded : sign + padded.dropLast(digits) + "." + padded.suffix(digits)
    }
}
