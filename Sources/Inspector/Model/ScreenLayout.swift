/// Where the rows between the header and the footer go: the views draw by it and the movement keys page by it.
enum ScreenLayout {
    /// The first row below the three header rows.
    static let bodyTop = 3

    /// Rows above a table's body: the header rows and the column titles.
    static let tableBodyOffset = bodyTop + 1

    static func tableBodyHeight(frameHeight: Int) -> Int { max(0, frameHeight - tableBodyOffset - 1) }

    /// Rows for the console's answer: below the header, the prompt, a blank row and the statement line; above the footer.
    static func consoleOutputHeight(frameHeight: Int) -> Int { max(0, frameHeight - 1 - 6) }

    /// The first visible row that keeps `selected` on screen, moving as little as possible.
    static func top(selected: Int, previousTop: Int, bodyHeight: Int, count: Int) -> Int {
        guard bodyHeight > 0, count > 0 else { return 0 }
        var top = previousTop
        if selected < top { top = selected }
        if selected >= top + bodyHeight { top = selected - bodyHeight + 1 }
        return max(0, min(top, count - bodyHeight))
    }
}
