import Inspector
import Workload

/// An ad-hoc statement's outcome as the console shows it: an aligned table with its tag, or the error.
enum ConsoleText {
    static let maxColumnWidth = 40

    static func render(_ result: AdHocResult) -> String {
        let timing = "waited \(Format.duration(result.waited)), ran \(Format.duration(result.elapsed))"
        if let error = result.error {
            var lines = ["ERROR: \(error)"]
            if let detail = result.detail { lines.append("DETAIL: \(detail)") }
            if let hint = result.hint { lines.append("HINT: \(hint)") }
            lines.append(timing)
            return lines.joined(separator: "\n")
        }
        guard !result.columns.isEmpty else { return "\(result.commandTag)\n\(timing)" }
        let cells = result.rows.map { row in row.map { clip($0 ?? "NULL") } }
        let widths = result.columns.indices.map { column in
            cells.reduce(clip(result.columns[column]).count) { max($0, column < $1.count ? $1[column].count : 0) }
        }
        func line(_ values: [String]) -> String {
            values.enumerated().map { index, value in
                value.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: " │ ")
        }
        var lines = [line(result.columns.map(clip)), widths.map { String(repeating: "─", count: $0) }.joined(separator: "─┼─")]
        lines += cells.map(line)
        let shown = result.rows.count < result.totalRows ? " (first \(result.rows.count) shown)" : ""
        lines.append("(\(result.totalRows) row\(result.totalRows == 1 ? "" : "s"))\(shown) \(result.commandTag), \(timing)")
        return lines.joined(separator: "\n")
    }

    private static func clip(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > maxColumnWidth ? String(flat.prefix(maxColumnWidth - 1)) + "…" : flat
    }
}
