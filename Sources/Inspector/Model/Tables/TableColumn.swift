/// A column of a table view: title, width, alignment and its natural sort order.
struct TableColumn: Sendable, Equatable {
    var title: String
    var width: Int
    var alignRight = false
    /// Sort biggest first when this column is chosen (counts, durations).
    var descendingFirst = false
    /// Takes the width left over by the other columns (at most one per table).
    var flexible = false
}

/// A value rows are sorted by.
enum SortKey: Sendable, Comparable {
    case number(Double)
    case text(String)
}

/// One row of a table view, already formatted.
struct TableRow: Sendable, Equatable {
    var cells: [String]
    var sortKeys: [SortKey]
    /// Per-cell roles (nil: the row's role).
    var cellRoles: [Role?]
    var role: Role = .text
    /// The backend this row is about, for `K`.
    var pid: Int32?

    /// Whether every character of `filter` appears, ignoring case, in the row's text.
    func matches(_ filter: String) -> Bool {
        filter.isEmpty || cells.joined(separator: " ").lowercased().contains(filter.lowercased())
    }
}

/// Where the rows of a table view go on screen.
enum TableLayout {
    /// Rows above the body: two header lines, the view's title line, the column titles.
    static let bodyOffset = 4

    static func bodyHeight(frameHeight: Int) -> Int { max(0, frameHeight - bodyOffset - 1) }

    /// The first visible row that keeps `selected` on screen, moving as little as possible.
    static func top(selected: Int, previousTop: Int, bodyHeight: Int, count: Int) -> Int {
        guard bodyHeight > 0, count > 0 else { return 0 }
        var top = previousTop
        if selected < top { top = selected }
        if selected >= top + bodyHeight { top = selected - bodyHeight + 1 }
        return max(0, min(top, count - bodyHeight))
    }
}
