/// A table drawn in place, in its rows' order, with no selection: the pgbouncer view shows two at once.
/// Lays columns out as `TableView` does (the flexible column takes what is left).
enum FixedTable {
    /// Draws the heading and as many rows as fit in `height` (heading included); answers the next free row.
    static func draw(_ headings: [ColumnHeading], rows: [TableRow], into frame: inout Frame, y: Int, height: Int, empty: String,
                     glyphs: Glyphs) -> Int {
        guard height > 0 else { return y }
        let widths = TableView.columnWidths(headings, total: frame.width)
        var x = 0
        for (index, heading) in headings.enumerated() {
            frame.put(Format.fit(heading.title, widths[index], ellipsis: "", alignRight: heading.alignRight), x: x, y: y, role: .header)
            x += widths[index] + 1
        }
        guard !rows.isEmpty else {
            if height > 1 { frame.put(empty, x: 1, y: y + 1, role: .muted) }
            return y + min(height, 2)
        }
        let room = height - 1
        let shown = rows.count > room ? max(0, room - 1) : rows.count
        for (offset, row) in rows.prefix(shown).enumerated() {
            var x = 0
            for (index, cell) in row.cells.enumerated() where index < headings.count {
                let role = row.cellRoles.indices.contains(index) ? row.cellRoles[index] ?? row.role : row.role
                frame.put(Format.fit(cell, widths[index], ellipsis: glyphs.ellipsis, alignRight: headings[index].alignRight),
                          x: x, y: y + 1 + offset, role: role)
                x += widths[index] + 1
            }
        }
        if shown < rows.count { frame.put("+\(rows.count - shown) more", x: 1, y: y + 1 + shown, role: .muted) }
        return y + 1 + min(room, rows.count)
    }
}
