/// A table drawn in place, in its rows' order, with no selection: the pgbouncer view shows two at once.
/// Lays columns out and draws them as `TableView` does (the flexible column takes what is left).
enum FixedTable {
    /// Draws the heading and as many rows as fit in `height` (heading included); answers the next free row.
    static func draw(_ headings: [ColumnHeading], rows: [TableRow], into frame: inout Frame, y: Int, height: Int, empty: String,
                     glyphs: Glyphs) -> Int {
        guard height > 0 else { return y }
        let widths = TableView.columnWidths(headings, total: frame.width)
        TableView.drawHeadings(headings, widths: widths, sortedBy: nil, descending: false, into: &frame, y: y, glyphs: glyphs)
        guard !rows.isEmpty else {
            if height > 1 { frame.put(empty, x: 1, y: y + 1, role: .muted) }
            return y + min(height, 2)
        }
        let room = height - 1
        let shown = rows.count > room ? max(0, room - 1) : rows.count
        for (offset, row) in rows.prefix(shown).enumerated() {
            TableView.drawCells(of: row, columns: headings, widths: widths, into: &frame, y: y + 1 + offset, glyphs: glyphs)
        }
        if shown < rows.count { frame.put("+\(rows.count - shown) more", x: 1, y: y + 1 + shown, role: .muted) }
        return y + 1 + min(room, rows.count)
    }
}
