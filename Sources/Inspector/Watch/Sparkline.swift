/// A row of one-cell bars, oldest first, scaled to the largest value (eighth blocks, or ASCII steps): how a
/// table cell shows a series.
enum Sparkline {
    static func text(_ values: [Double], width: Int, glyphs: Glyphs) -> String {
        let shown = values.suffix(width)
        let top = max(1, shown.max() ?? 1)
        let steps: [Character] = glyphs.ascii ? ["_", ".", "-", "=", "#"] : ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let bars = shown.map { value -> Character in
            guard value > 0 else { return " " }
            return steps[max(0, min(steps.count - 1, Int((value / top * Double(steps.count)).rounded(.up)) - 1))]
        }
        return String(repeating: " ", count: width - shown.count) + String(bars)
    }
}
