/// What the console has shown, newest last: each statement as it was entered and what came back, laid out for
/// one width. Bounded: the oldest entries go first past `entryLimit` (results are already cut to a bounded
/// number of rows by the source).
public struct ConsoleTranscript: Sendable, Equatable {
    public enum Entry: Sendable, Equatable {
        /// A submitted input with the prompt it was typed at.
        case input(prompt: String, text: String)
        /// A statement's answer, laid out as `\x` and `\timing` were when it came.
        case reply(ConsoleReply, expanded: Bool, timing: Bool)
        /// The console's own words: help, a refused backslash command, a mode change.
        case note(String, role: ConsoleRole)
    }

    public static let entryLimit = 40
    /// Lines kept in all (the newest entry always stays, however long).
    public static let lineLimit = 20_000

    public private(set) var entries: [Entry] = []
    /// The entries laid out; rebuilt when the width changes.
    public private(set) var lines: [StyledLine] = []
    private var width = 0
    /// Where each entry's lines begin in `lines`.
    private var starts: [Int] = []

    public init() {}

    /// Adds an entry; returns the index of its first line.
    @discardableResult
    public mutating func append(_ entry: Entry) -> Int {
        entries.append(entry)
        starts.append(lines.count)
        lines += Self.lines(for: entry, width: width)
        while entries.count > 1, entries.count > Self.entryLimit || lines.count > Self.lineLimit { dropOldest() }
        return starts.last ?? 0
    }

    /// Forgets the oldest entry and its lines, without laying the rest out again (a `\watch` appends every second).
    private mutating func dropOldest() {
        let count = starts.count > 1 ? starts[1] : lines.count
        entries.removeFirst()
        lines.removeFirst(count)
        starts = starts.dropFirst().map { $0 - count }
    }

    /// Lays everything out again if `width` differs from the last time.
    public mutating func lay(width: Int) {
        guard width != self.width else { return }
        self.width = width
        relayout()
    }

    public mutating func clear() {
        entries = []
        relayout()
    }

    private mutating func relayout() {
        lines = []
        starts = []
        for entry in entries {
            starts.append(lines.count)
            lines += Self.lines(for: entry, width: width)
        }
    }

    static func lines(for entry: Entry, width: Int) -> [StyledLine] {
        switch entry {
        case .input(let prompt, let text):
            let continuation = String(repeating: " ", count: max(0, DisplayWidth.of(prompt)))
            return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
                var styled = StyledLine(index == 0 ? prompt : continuation, role: .muted)
                styled.append(ResultLayout.visible(String(line)), role: .text)
                return styled
            }
        case .note(let text, let role):
            return text.split(separator: "\n", omittingEmptySubsequences: false).map { StyledLine(String($0), role: role) }
        case .reply(let reply, let expanded, let timing):
            return lines(for: reply, layout: ResultLayout(expanded: expanded), timing: timing, width: width)
        }
    }

    /// A reply as psql shows a string of statements: each result (a blank line after a table when more follows)
    /// and notice in order, then the error or the cancel. With `\timing` the time goes on a lone result's tag,
    /// else on a `Time:` line of its own.
    static func lines(for reply: ConsoleReply, layout: ResultLayout, timing: Bool, width: Int) -> [StyledLine] {
        // A statement with a password is never shown, not even the line an error points into.
        let statement = PasswordLiteral.appears(in: reply.statement) ? nil : reply.statement
        let lone = reply.results.count == 1 && reply.completed
        var lines: [StyledLine] = []
        for (index, part) in reply.parts.enumerated() {
            switch part {
            case .notice(let message):
                lines += MessageLayout.lines(for: message, statement: statement, width: width)
            case .result(var result):
                result.duration = timing && lone ? result.duration ?? reply.duration : nil
                lines += layout.lines(for: result, width: width)
                if !result.columns.isEmpty, index + 1 < reply.parts.count || !reply.completed { lines.append(StyledLine()) }
            }
        }
        switch reply.ending {
        case .completed:
            break
        case .failed(let message):
            lines += MessageLayout.lines(for: message, statement: statement, width: width)
        case .cancelled(let message):
            var line = StyledLine("cancelled", role: .error)
            if timing, let duration = reply.duration { line.append(" after " + ResultLayout.format(duration), role: .muted) }
            if let message { line.append("  (\(message.message))", role: .muted) }
            lines.append(line)
        }
        if timing, !lone, !reply.results.isEmpty, let duration = reply.duration, !reply.ending.isCancelled {
            lines.append(StyledLine("Time: " + ResultLayout.format(duration), role: .muted))
        }
        lines.append(StyledLine())
        return lines
    }
}
