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
        set { if contains(x: x, y: y) { store(newValue, x: x, y: y) } }
    }

    public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Writes `text` from (x, y), clipped to `limit` columns and the frame; returns the columns written.
    /// Wide characters take two cells; one that would straddle the right edge is written as a space.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: Role = .text, limit: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        let end = min(width, x + (limit ?? width))
        var column = x
        for cell in TextCleaner.cells(text, role: role, asciiOnly: asciiOnly) {
            let span = Int(cell.width)
            if column + span > end {
                if column >= 0, column < end {
                    store(Cell(" ", role: role), x: column, y: y)
                    column += 1
                }
                break
            }
            if column >= 0 {
                store(cell, x: column, y: y)
            } else if column + span > 0 {
                store(Cell(" ", role: role), x: 0, y: y)
            }
            column += span
        }
        return max(0, column - x)
    }

    /// Writes `text` right-aligned so that it ends just before column `right`.
    @discardableResult
    public mutating func putRight(_ text: String, right: Int, y: Int, role: Role = .text) -> Int {
        let length = TextCleaner.cells(text, role: role, asciiOnly: asciiOnly).reduce(0) { $0 + Int($1.width) }
        return put(text, x: right - length, y: y, role: role)
    }

    /// Writes one glyph cell.
    public mutating func put(_ scalar: Unicode.Scalar, x: Int, y: Int, role: Role) {
        self[x, y] = TextCleaner.cells(String(Character(scalar)), role: role, asciiOnly: asciiOnly).first ?? Cell("?", role: role)
    }

    /// Stores a cell (and the continuation of a wide one), clearing the other half of any wide character it
    /// overwrites; a wide cell that does not fit before the right edge becomes a space.
    private mutating func store(_ cell: Cell, x: Int, y: Int) {
        guard cell.width == 2 else {
            breakWide(x: x, y: y)
            cells[y * width + x] = cell
            return
        }
        guard x + 1 < width else { return store(Cell(" ", role: cell.role), x: x, y: y) }
        breakWide(x: x, y: y)
        breakWide(x: x + 1, y: y)
        cells[y * width + x] = cell
        cells[y * width + x + 1] = .continuation(role: cell.role)
    }

    /// Turns the wide character that covers (x, y), if any, into spaces, so a write there leaves no half behind.
    private mutating func breakWide(x: Int, y: Int) {
        let index = y * width + x
        switch cells[index].width {
        case 0 where x > 0:
            cells[index - 1] = Cell(" ", role: cells[index - 1].role)
            cells[index] = Cell(" ", role: cells[index].role)
        case 2 where x + 1 < width:
            cells[index] = Cell(" ", role: cells[index].role)
            cells[index + 1] = Cell(" ", role: cells[index + 1].role)
        default:
            break
        }
    }

    /// Fills a rectangle with one single-width cell.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, with cell: Cell = .blank) {
        let columns = max(0, x)..<max(max(0, x), min(width, x + w))
        guard let first = columns.first, let last = columns.last else { return }
        for row in max(0, y)..<max(max(0, y), min(height, y + h)) {
            breakWide(x: first, y: row)
            breakWide(x: last, y: row)
            for column in columns { cells[row * width + column] = cell }
        }
    }

    /// Changes the role of a run of cells (used to highlight a selected row).
    public mutating func recolor(x: Int, y: Int, width w: Int, role: Role) {
        guard y >= 0, y < height else { return }
        let columns = max(0, x)..<max(max(0, x), min(width, x + w))
        guard let first = columns.first, let last = columns.last else { return }
        let lead = cells[y * width + first].width == 0 ? max(0, first - 1) : first
        let end = cells[y * width + last].width == 2 ? min(width - 1, last + 1) : last
        for column in lead...end { cells[y * width + column].role = role }
    }

    /// The frame as text, one string per row with trailing spaces kept (a wide character once, not per cell).
    public var lines: [String] {
        (0..<height).map { row in
            var line = String.UnicodeScalarView()
            for cell in cells[(row * width)..<((row + 1) * width)] where cell.width > 0 {
                line.append(cell.scalar)
                line.append(contentsOf: cell.marks.unicodeScalars)
            }
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
