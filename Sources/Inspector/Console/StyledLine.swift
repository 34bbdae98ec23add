/// What a piece of console output means, so the view can colour it; `frameRole` is the theme role it uses.
public enum ConsoleRole: Sendable, Equatable {
    case text, header, border, muted, error, notice
    /// SQL NULL, drawn dim so it differs from an empty string or the text "NULL".
    case null

    public var frameRole: Role {
        switch self {
        case .text: .text
        case .header: .header
        case .border: .border
        case .muted, .null: .muted
        case .error: .error
        case .notice: .warning
        }
    }
}

/// One output line as runs of text, each with its role.
public struct StyledLine: Sendable, Equatable {
    public struct Run: Sendable, Equatable {
        public var text: String
        public var role: ConsoleRole
    }

    public private(set) var runs: [Run] = []

    public init(_ text: String = "", role: ConsoleRole = .text) {
        append(text, role: role)
    }

    public var text: String { runs.map(\.text).joined() }
    /// Display columns.
    public var width: Int { runs.reduce(0) { $0 + DisplayWidth.of($1.text) } }

    public mutating func append(_ text: String, role: ConsoleRole) {
        guard !text.isEmpty else { return }
        if let last = runs.last, last.role == role {
            runs[runs.count - 1].text += text
        } else {
            runs.append(Run(text: text, role: role))
        }
    }
}

extension Frame {
    /// Writes a styled line from (x, y), clipped to `limit` columns; returns the columns written.
    @discardableResult
    public mutating func put(_ line: StyledLine, x: Int, y: Int, limit: Int? = nil) -> Int {
        let end = x + (limit ?? width)
        var column = x
        for run in line.runs where column < end {
            column += put(run.text, x: column, y: y, role: run.role.frameRole, limit: end - column)
        }
        return column - x
    }
}
