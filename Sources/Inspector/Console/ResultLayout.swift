import Foundation

/// Lays a `ConsoleResult` out for a width, psql style: an aligned table (or `\x` records), then
/// "… and N more rows" when the caller kept fewer rows than there were, the row count, and the tag with the time.
/// NULL shows as a dim `NULL` marker (role `.null`); a newline inside a value shows as `↵` so a row stays one line.
public struct ResultLayout: Sendable, Equatable {
    /// Values and names longer than this are cut with `…`.
    public var maxColumnWidth: Int
    /// psql's `\x`: one record per block, a `name | value` line per column.
    public var expanded: Bool
    /// ASCII borders (`|`, `-`, `+`) for terminals without line drawing.
    public var ascii: Bool

    public static let nullMarker = "NULL"

    public init(maxColumnWidth: Int = 40, expanded: Bool = false, ascii: Bool = false) {
        self.maxColumnWidth = max(1, maxColumnWidth)
        self.expanded = expanded
        self.ascii = ascii
    }

    public func lines(for result: ConsoleResult, width: Int) -> [StyledLine] {
        var lines: [StyledLine] = []
        if !result.columns.isEmpty {
            lines += expanded ? records(result, width: width) : table(result, width: width)
            let more = result.totalRows - result.rows.count
            if more > 0 { lines.append(StyledLine("… and \(more) more row\(more == 1 ? "" : "s")", role: .muted)) }
            lines.append(StyledLine("(\(result.totalRows) row\(result.totalRows == 1 ? "" : "s"))"))
        }
        var tag = StyledLine(result.commandTag, role: result.columns.isEmpty ? .text : .muted)
        if let duration = result.duration { tag.append((result.commandTag.isEmpty ? "" : ", ") + Self.format(duration), role: .muted) }
        if !tag.runs.isEmpty { lines.append(tag) }
        return lines
    }

    private var vertical: String { ascii ? "|" : "│" }
    private var horizontal: String { ascii ? "-" : "─" }
    private var cross: String { ascii ? "+" : "┼" }

    private func table(_ result: ConsoleResult, width: Int) -> [StyledLine] {
        let names = result.columns.map { Self.visible($0.name) }
        let values = Self.cells(of: result)
        var widths = names.indices.map { column in
            min(maxColumnWidth, values.reduce(DisplayWidth.of(names[column])) { max($0, DisplayWidth.of($1[column] ?? Self.nullMarker)) })
        }
        shrink(&widths, toFit: width - 3 * widths.count + 1)
        var header = StyledLine()
        var rule = StyledLine()
        for (column, name) in names.enumerated() {
            header.append(column == 0 ? " " : " \(vertical) ", role: .border)
            header.append(Self.centre(DisplayWidth.cut(name, to: widths[column]), in: widths[column]), role: .header)
            rule.append((column == 0 ? "" : cross) + String(repeating: horizontal, count: widths[column] + 2), role: .border)
        }
        var lines = [header, rule]
        for row in values {
            var line = StyledLine()
            for (column, value) in row.enumerated() {
                line.append(column == 0 ? " " : " \(vertical) ", role: .border)
                let text = DisplayWidth.cut(value ?? Self.nullMarker, to: widths[column])
                line.append(DisplayWidth.pad(text, to: widths[column], leading: result.columns[column].isNumeric), role: value == nil ? .null : .text)
            }
            lines.append(line)
        }
        return lines
    }

    /// psql's `-[ RECORD n ]-+---` blocks: the record label, then the rule's `+` under the column separator.
    private func records(_ result: ConsoleResult, width: Int) -> [StyledLine] {
        let names = result.columns.map { DisplayWidth.cut(Self.visible($0.name), to: maxColumnWidth) }
        let nameWidth = names.map { DisplayWidth.of($0) }.max() ?? 0
        let room = max(1, width - nameWidth - 3)
        let values = Self.cells(of: result)
        let valueWidth = min(room, values.joined().map { DisplayWidth.of($0 ?? Self.nullMarker) }.max() ?? 0)
        var lines: [StyledLine] = []
        for (number, row) in values.enumerated() {
            lines.append(StyledLine(recordLabel(number + 1, nameWidth: nameWidth, valueWidth: valueWidth), role: .border))
            for (column, value) in row.enumerated() {
                var line = StyledLine(DisplayWidth.pad(names[column], to: nameWidth), role: .header)
                line.append(" \(vertical) ", role: .border)
                line.append(DisplayWidth.cut(value ?? Self.nullMarker, to: room), role: value == nil ? .null : .text)
                lines.append(line)
            }
        }
        return lines
    }

    private func recordLabel(_ number: Int, nameWidth: Int, valueWidth: Int) -> String {
        let label = "[ RECORD \(number) ]"
        var line = horizontal + label
        var used = DisplayWidth.of(label) + 1
        if used < nameWidth { line += String(repeating: horizontal, count: nameWidth - used) }
        used -= nameWidth
        for piece in [horizontal, cross, horizontal] {
            if used <= 0 { line += piece }
            used -= 1
        }
        return line + String(repeating: horizontal, count: max(0, valueWidth - max(0, used)))
    }

    /// Narrows the widest columns one column at a time until they fit `room` (each keeps at least 3).
    private func shrink(_ widths: inout [Int], toFit room: Int) {
        while widths.reduce(0, +) > room, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 3 {
            widths[widest] -= 1
        }
    }

    /// Every row's values made one-line, padded with NULLs to the column count.
    private static func cells(of result: ConsoleResult) -> [[String?]] {
        result.rows.map { row in result.columns.indices.map { row.indices.contains($0) ? row[$0].map(visible) : nil } }
    }

    private static func centre(_ text: String, in width: Int) -> String {
        let spare = max(0, width - DisplayWidth.of(text))
        return String(repeating: " ", count: spare / 2) + text + String(repeating: " ", count: spare - spare / 2)
    }

    /// One-line, drawable text: line breaks become `↵`, tabs and other controls a space.
    static func visible(_ value: String) -> String {
        var result = ""
        for character in value {
            if character.isNewline {
                result.append("↵")
            } else if let ascii = character.asciiValue, ascii < 0x20 || ascii == 0x7F {
                result.append(" ")
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// `0.4 ms`, `1234.5 ms` (psql's `\timing` unit).
    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.1f ms", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }
}
