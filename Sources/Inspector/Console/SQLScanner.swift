import Foundation

/// The lexical shape of SQL text as psql's lexer sees it when it decides whether a statement is complete:
/// string literals, quoted identifiers, dollar quotes, comments, parentheses and backslash commands.
struct SQLScanner {
    enum Kind: Equatable {
        case code, string, quotedIdentifier, dollarString, lineComment, blockComment, metaCommand
    }

    struct Segment: Equatable {
        var kind: Kind
        var text: String
        /// False for a literal, identifier or comment that runs to the end of the text unclosed.
        var closed = true
    }

    private(set) var segments: [Segment] = []
    /// The construct still open at the end of the text, if any.
    private(set) var open: SQLOpenConstruct?

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var codeStart = 0
    private var depth = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        scan()
    }

    /// True when the last token that is not blank or a comment is a `;` with nothing left open.
    var endsStatement: Bool {
        guard open == nil, let last = significant.last, last.kind == .code else { return false }
        return last.text.unicodeScalars.last(where: { !$0.properties.isWhitespace }) == ";"
    }

    /// The backslash command that ends the text on its last line, and the SQL before it.
    var trailingMetaCommand: (sql: String, command: String)? {
        guard significant.last?.kind == .metaCommand, let last = segments.lastIndex(where: { $0.kind == .metaCommand }) else {
            return nil
        }
        let sql = segments[..<last].map(\.text).joined()
        return (sql.trimmingCharacters(in: .whitespacesAndNewlines), segments[last].text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The text cut after each `;` outside literals, identifiers, comments and dollar quotes, as the server cuts a
    /// simple-query string; the pieces join back into the text.
    var statements: [String] {
        var pieces: [String] = []
        var current = ""
        for segment in segments {
            guard segment.kind == .code else {
                current += segment.text
                continue
            }
            for character in segment.text {
                current.append(character)
                if character == ";" {
                    pieces.append(current)
                    current = ""
                }
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    private var significant: [Segment] {
        segments.filter { segment in
            switch segment.kind {
            case .lineComment, .blockComment: false
            case .code: !segment.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            default: true
            }
        }
    }

    private mutating func scan() {
        while index < scalars.count {
            let scalar = scalars[index]
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            switch scalar {
            case "'": quoted(.string, quote: "'", backslashEscapes: isEscapeStringPrefix)
            case "\"": quoted(.quotedIdentifier, quote: "\"", backslashEscapes: false)
            case "-" where next == "-": lineComment()
            case "/" where next == "*": blockComment()
            case "$" where !isIdentifier(before: index): dollarQuote()
            case "\\": metaCommand()
            case "(": depth += 1; index += 1
            case ")": depth = max(0, depth - 1); index += 1
            default: index += 1
            }
        }
        flushCode(upTo: scalars.count)
        if open == nil, depth > 0 { open = .parenthesis }
    }

    private var isEscapeStringPrefix: Bool {
        guard index > 0, scalars[index - 1] == "E" || scalars[index - 1] == "e" else { return false }
        return !isIdentifier(before: index - 1)
    }

    private func isIdentifier(before position: Int) -> Bool {
        guard position > 0 else { return false }
        let scalar = scalars[position - 1]
        return scalar == "_" || scalar == "$" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
    }

    private mutating func quoted(_ kind: Kind, quote: Unicode.Scalar, backslashEscapes: Bool) {
        var end = index + 1
        var closed = false
        while end < scalars.count {
            if backslashEscapes, scalars[end] == "\\" { end += 2; continue }
            if scalars[end] == quote {
                if end + 1 < scalars.count, scalars[end + 1] == quote { end += 2; continue }
                end += 1
                closed = true
                break
            }
            end += 1
        }
        emit(kind, to: min(end, scalars.count), closed: closed, unclosed: kind == .string ? .singleQuote : .doubleQuote)
    }

    private mutating func lineComment() {
        let end = scalars[index...].firstIndex(of: "\n") ?? scalars.count
        emit(.lineComment, to: end, closed: true, unclosed: nil)
    }

    private mutating func blockComment() {
        var end = index + 2
        var nesting = 1
        while end < scalars.count, nesting > 0 {
            let pair = (scalars[end], end + 1 < scalars.count ? scalars[end + 1] : " ")
            if pair == ("/", "*") { nesting += 1; end += 2 } else if pair == ("*", "/") { nesting -= 1; end += 2 } else { end += 1 }
        }
        emit(.blockComment, to: min(end, scalars.count), closed: nesting == 0, unclosed: .blockComment)
    }

    private mutating func dollarQuote() {
        var tagEnd = index + 1
        while tagEnd < scalars.count, isTagCharacter(scalars[tagEnd], first: tagEnd == index + 1) { tagEnd += 1 }
        guard tagEnd < scalars.count, scalars[tagEnd] == "$" else { index += 1; return }
        let tag = Array(scalars[index...tagEnd])
        var end = tagEnd + 1
        while end + tag.count <= scalars.count, Array(scalars[end..<(end + tag.count)]) != tag { end += 1 }
        let closed = end + tag.count <= scalars.count
        var text = String.UnicodeScalarView()
        text.append(contentsOf: tag)
        emit(.dollarString, to: closed ? end + tag.count : scalars.count, closed: closed, unclosed: .dollarQuote(tag: String(text)))
    }

    private func isTagCharacter(_ scalar: Unicode.Scalar, first: Bool) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || (!first && ("0"..."9").contains(scalar))
    }

    private mutating func metaCommand() {
        let end = scalars[index...].firstIndex(of: "\n") ?? scalars.count
        emit(.metaCommand, to: end, closed: true, unclosed: nil)
    }

    private mutating func emit(_ kind: Kind, to end: Int, closed: Bool, unclosed: SQLOpenConstruct?) {
        flushCode(upTo: index)
        segments.append(Segment(kind: kind, text: text(index..<end), closed: closed))
        if !closed { open = unclosed }
        index = end
        codeStart = end
    }

    private mutating func flushCode(upTo end: Int) {
        if end > codeStart { segments.append(Segment(kind: .code, text: text(codeStart..<end))) }
        codeStart = end
    }

    private func text(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range])
        return String(view)
    }
}

/// What psql's continuation prompt shows is still open: a quote, a comment, or a parenthesis.
public enum SQLOpenConstruct: Sendable, Equatable {
    case singleQuote, doubleQuote, dollarQuote(tag: String), blockComment, parenthesis

    /// The character psql's `%R` shows for it.
    public var promptMarker: Character {
        switch self {
        case .singleQuote: "'"
        case .doubleQuote: "\""
        case .dollarQuote: "$"
        case .blockComment: "*"
        case .parenthesis: "("
        }
    }
}
