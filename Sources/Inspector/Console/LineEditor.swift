import Foundation

/// The console's input: a multi-line buffer and a cursor, edited like psql's readline prompt.
/// Enter submits when the SQL is complete (psql's rules, see `SQLScanner`), otherwise starts a continuation line.
public struct LineEditor: Sendable, Equatable {
    private var buffer: [[Character]]
    private var row: Int
    private var column: Int

    /// An editor holding `text` (e.g. a recalled statement) with the cursor at its end.
    public init(text: String = "") {
        buffer = Self.split(text)
        row = buffer.count - 1
        column = buffer[row].count
    }

    public var text: String { buffer.map { String($0) }.joined(separator: "\n") }
    public var lines: [String] { buffer.map { String($0) } }
    public var isEmpty: Bool { buffer.count == 1 && buffer[0].isEmpty }
    /// The cursor's line, 0-based.
    public var cursorRow: Int { row }
    /// The cursor's column on its line in display columns (wide characters count 2).
    public var cursorColumn: Int { width(of: buffer[row][..<column]) }
    /// The quote, comment or parenthesis still open at the end of the buffer.
    public var open: SQLOpenConstruct? { SQLScanner(text).open }

    /// psql's `%R` for a line: `=` on the first, then `'`, `"`, `$`, `*` or `(` for what the lines before left
    /// open, or `-` for a plain continuation.
    public func promptMarker(row line: Int) -> Character {
        guard line > 0 else { return "=" }
        let before = buffer.prefix(line).map { String($0) }.joined(separator: "\n")
        return SQLScanner(before).open?.promptMarker ?? "-"
    }

    public mutating func apply(_ key: EditingKey) -> EditResult {
        switch key {
        case .insert(let text): insert(text)
        case .left: return moveLeft()
        case .right: return moveRight()
        case .up: return moveVertically(by: -1)
        case .down: return moveVertically(by: 1)
        case .home: column = 0
        case .end: column = buffer[row].count
        case .killToLineEnd: return killToLineEnd()
        case .killToLineStart:
            guard column > 0 else { return .unchanged }
            buffer[row].removeSubrange(0..<column)
            column = 0
        case .killWordBefore: return killWordBefore()
        case .backspace: return backspace()
        case .delete: return delete()
        case .enter: return enter()
        }
        return .edited
    }

    private mutating func insert(_ text: String) {
        let pieces = Self.split(text)
        let tail = buffer[row][column...]
        buffer[row].replaceSubrange(column..., with: pieces[0])
        buffer.insert(contentsOf: pieces.dropFirst(), at: row + 1)
        row += pieces.count - 1
        column = buffer[row].count
        buffer[row].append(contentsOf: tail)
    }

    private mutating func moveLeft() -> EditResult {
        if column > 0 {
            column -= 1
        } else if row > 0 {
            row -= 1
            column = buffer[row].count
        } else {
            return .unchanged
        }
        return .edited
    }

    private mutating func moveRight() -> EditResult {
        if column < buffer[row].count {
            column += 1
        } else if row + 1 < buffer.count {
            row += 1
            column = 0
        } else {
            return .unchanged
        }
        return .edited
    }

    /// Moves to the neighbouring line at the same display column (or the nearest one that starts a character).
    private mutating func moveVertically(by step: Int) -> EditResult {
        let target = row + step
        guard buffer.indices.contains(target) else { return step < 0 ? .beyondTop : .beyondBottom }
        let wanted = cursorColumn
        row = target
        column = 0
        var used = 0
        while column < buffer[row].count {
            let next = used + DisplayWidth.of(buffer[row][column])
            if next > wanted { break }
            used = next
            column += 1
        }
        return .edited
    }

    private mutating func killToLineEnd() -> EditResult {
        guard column < buffer[row].count else { return joinNextLine() }
        buffer[row].removeSubrange(column...)
        return .edited
    }

    private mutating func killWordBefore() -> EditResult {
        var start = column
        while start > 0, buffer[row][start - 1].isWhitespace { start -= 1 }
        while start > 0, !buffer[row][start - 1].isWhitespace { start -= 1 }
        guard start < column else { return .unchanged }
        buffer[row].removeSubrange(start..<column)
        column = start
        return .edited
    }

    private mutating func backspace() -> EditResult {
        if column > 0 {
            buffer[row].remove(at: column - 1)
            column -= 1
        } else if row > 0 {
            let line = buffer.remove(at: row)
            row -= 1
            column = buffer[row].count
            buffer[row] += line
        } else {
            return .unchanged
        }
        return .edited
    }

    private mutating func delete() -> EditResult {
        guard column < buffer[row].count else { return joinNextLine() }
        buffer[row].remove(at: column)
        return .edited
    }

    /// At the end of a line, Delete and Ctrl-K pull the next line up.
    private mutating func joinNextLine() -> EditResult {
        guard row + 1 < buffer.count else { return .unchanged }
        buffer[row] += buffer.remove(at: row + 1)
        return .edited
    }

    private mutating func enter() -> EditResult {
        let text = text
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return .unchanged }
        let scan = SQLScanner(text)
        let submission: Submission
        if let meta = scan.trailingMetaCommand {
            submission = Submission(text: text, sql: meta.sql, metaCommand: meta.command)
        } else if scan.endsStatement {
            submission = Submission(text: text, sql: text.trimmingCharacters(in: .whitespacesAndNewlines), metaCommand: nil)
        } else {
            insert("\n")
            return .edited
        }
        self = LineEditor()
        return .submitted(submission)
    }

    private func width(of characters: ArraySlice<Character>) -> Int {
        characters.reduce(0) { $0 + DisplayWidth.of($1) }
    }

    /// Lines of `text`, splitting on LF, CRLF and CR (pasted text); tabs become spaces.
    private static func split(_ text: String) -> [[Character]] {
        var lines: [[Character]] = [[]]
        for character in text {
            if character.isNewline {
                lines.append([])
            } else {
                lines[lines.count - 1].append(character == "\t" ? " " : character)
            }
        }
        return lines
    }
}
