/// A screen's worth of cells, built by pure code and painted by the terminal backend.
public struct Frame: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// When true every string written is reduced to printable ASCII.
    public var asciiOnly: Bool

    public init(width: Int, height: Int, asciiOnly: Bool = false) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.asciiOnly = asciiOnly
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x: x, y: y) ? cells[y * width + x] : .blank }
        set { if contains(x: x, y: y) { cells[y * width + x] = newValue } }
    }

    public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Writes `text` from (x, y), clipped to `limit` columns and the frame; returns the columns written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: Role = .text, limit: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        let end = min(width, x + (limit ?? width))
        var column = x
        for scalar in TextCleaner.scalars(text, asciiOnly: asciiOnly) {
            if column >= end { break }
            if column >= 0 { cells[y * width + column] = Cell(scalar, role: role) }
            column += 1
        }
        return max(0, column - x)
    }

    /// Writes `text` right-aligned so that it ends just before column `right`.
    @discardableResult
    public mutating func putRight(_ text: String, right: Int, y: Int, role: Role = .text) -> Int {
        let length = TextCleaner.scalars(text, asciiOnly: asciiOnly).count
        return put(text, x: right - length, y: y, role: role)
    }

    /// Writes one glyph cell.
    public mutating func put(_ scalar: Unicode.Scalar, x: Int, y: Int, role: Role) {
        let clean = TextCleaner.clean(scalar, asciiOnly: asciiOnly) ?? "?"
        self[x, y] = Cell(clean, role: role)
    }

    /// Fills a rectangle with one cell.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, with cell: Cell = .blank) {
        for row in max(0, y)..<max(max(0, y), min(height, y + h)) {
            for column in max(0, x)..<max(max(0, x), min(width, x + w)) { cells[row * width + column] = cell }
        }
    }

    /// Changes the role of a run of cells (used to highlight a selected row).
    public mutating func recolor(x: Int, y: Int, width w: Int, role: Role) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<max(max(0, x), min(width, x + w)) { cells[y * width + column].role = role }
    }

    /// The frame as text, one string per row with trailing spaces kept.
    public var lines: [String] {
        (0..<height).map { row in
            var line = String.UnicodeScalarView()
            line.append(contentsOf: cells[(row * width)..<((row + 1) * width)].map(\.scalar))
            return String(line)
        }
    }

    /// The frame as one string, rows joined by newlines, trailing spaces trimmed.
    public var text: String {
        lines.map { line in
            var trimmed = Substring(line)
            while trimmed.last == " " { trimmed.removeLast() }
            return String(trimmed)
        }.joined(separator: "\n")
    }
}

extension Frame: CustomStringConvertible {
    public var description: String { text }
}
