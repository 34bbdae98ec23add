import LibPQ

/// An error or notice as psql prints it: `ERROR:  message`, the `LINE n:` excerpt with a caret under the error
/// position, `DETAIL:`, `HINT:`, then the SQLSTATE.
public enum MessageLayout {
    /// psql keeps this many columns after the caret when it has to cut a long line.
    static let rightContext = 10

    public static func lines(for message: ServerMessage, statement: String? = nil, width: Int) -> [StyledLine] {
        let role: ConsoleRole = message.isError ? .error : .notice
        var lines = labelled(message.severity, message.message, role: role)
        if let position = message.position, let statement {
            lines += excerpt(of: statement, position: position, width: width)
        }
        if let detail = message.detail { lines += labelled("DETAIL", detail, role: .text) }
        if let hint = message.hint { lines += labelled("HINT", hint, role: .text) }
        if let sqlState = message.sqlState, message.isError { lines.append(StyledLine("SQLSTATE: \(sqlState)", role: .muted)) }
        return lines
    }

    /// `LABEL:  first line`, further lines of a multi-line text below it as they are.
    private static func labelled(_ label: String, _ text: String, role: ConsoleRole) -> [StyledLine] {
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { ResultLayout.visible(String($0)) }
        var first = StyledLine("\(label):  ", role: role)
        first.append(parts.first ?? "", role: role == .error ? .error : .text)
        return [first] + parts.dropFirst().map { StyledLine($0) }
    }

    /// The statement's line that holds `position` (1-based, in characters), cut to a window around the position
    /// with `...` when it is wider than `width`, and a line with `^` under the position.
    static func excerpt(of statement: String, position: Int, width: Int) -> [StyledLine] {
        let scalars = Array(statement.unicodeScalars)
        let target = min(max(0, position - 1), scalars.count)
        let start = scalars[..<target].lastIndex(of: "\n").map { $0 + 1 } ?? 0
        let end = scalars[target...].firstIndex(of: "\n") ?? scalars.count
        let lineNumber = scalars[..<start].filter { $0 == "\n" }.count + 1
        let line = scalars[start..<end].map { $0 == "\t" || $0.value < 0x20 ? " " : $0 }
        let widths = line.map { DisplayWidth.of($0) }
        let caret = target - start
        let prefix = "LINE \(lineNumber): "
        let room = max(8, width - prefix.count)

        var first = 0
        var last = line.count
        if widths.reduce(0, +) > room {
            let after = min(rightContext, widths[caret...].reduce(0, +))
            let leftBudget = room - 6 - after
            while first < caret, widths[first..<caret].reduce(0, +) > leftBudget { first += 1 }
            let budget = room - (first > 0 ? 3 : 0) - 3
            last = first
            var used = 0
            while last < line.count, used + widths[last] <= budget { used += widths[last]; last += 1 }
        }
        var shown = String.UnicodeScalarView()
        shown.append(contentsOf: line[first..<last])
        let lead = first > 0 ? "..." : ""
        let text = lead + String(shown) + (last < line.count ? "..." : "")
        let column = prefix.count + lead.count + widths[first..<max(first, caret)].reduce(0, +)
        return [StyledLine(prefix + text), StyledLine(String(repeating: " ", count: column) + "^", role: .error)]
    }
}
