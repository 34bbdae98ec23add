import Foundation

/// Typing at the SQL console in tmux and reading what came back (the console's end-to-end tests share these).
extension TmuxSession {
    /// Types `statement` (tmux ends a command at an argument's trailing `;`, so that one is escaped; one inside the
    /// argument is typed as it is) and waits for its answer. Statements in a row differ, so the newest echo tells
    /// them apart.
    @discardableResult
    func runStatement(_ statement: String, timeout: Duration = .seconds(15)) throws -> String {
        try send(statement.hasSuffix(";") ? String(statement.dropLast()) + "\\;" : statement, "Enter")
        return try waitForScreen(timeout: timeout) { !$0.contains("running") && Self.answered(statement, in: $0) }
    }

    /// The editor is empty again and the newest echo above it is `statement`, with an answer between them.
    static func answered(_ statement: String, in screen: String) -> Bool {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let editor = lines.lastIndex(where: { $0.hasPrefix("pooltop") }), lines[editor].hasSuffix("#"),
              let echo = lines[..<editor].lastIndex(where: { $0.hasPrefix("pooltop") }), lines[echo].hasSuffix("# " + statement) else {
            return false
        }
        return lines[(echo + 1)..<editor].contains { !$0.isEmpty }
    }

    /// The lines between the newest echo of `statement` and the editor, trimmed.
    static func answer(to statement: String, in screen: String) -> [String] {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let echo = lines.lastIndex(where: { $0.hasPrefix("pooltop") && $0.hasSuffix("# " + statement) }) else { return [] }
        let rest = lines[(echo + 1)...]
        let editor = rest.firstIndex { $0.hasPrefix("pooltop") } ?? rest.endIndex
        return Array(rest[..<editor])
    }
}
