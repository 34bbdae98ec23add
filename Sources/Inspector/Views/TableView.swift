/// Connections, workers and server views: a sortable, filterable, scrolling table with a selected row.
enum TableView {
    static func draw(into frame: inout Frame, data: DashboardData, context: ViewContext) {
        let view = context.state.view
        let top = context.bodyTop
        if view == .server {
            var summary = "server"
            if let version = data.server.serverVersion ?? data.serverVersion { summary += " " + version }
            if let connections = data.server.connections { summary += "  connections \(connections)" }
            if let maximum = data.server.maxConnections { summary += data.server.connections == nil ? "  max_connections \(maximum)" : "/\(maximum)" }
            frame.put(summary, x: 0, y: top, role: .muted)
            if let reason = data.server.unavailable {
                frame.put(reason.hasPrefix("n/a") ? reason : "n/a: " + reason, x: 0, y: top + 1, role: .warning)
                return
            }
        }
        let table = context.state.table(view)
        let columns = TableCatalog.headings(for: view)
        let rows = TableCatalog.visibleRows(for: view, data: data, table: table, glyphs: context.glyphs)
        drawRows(rows, columns: columns, table: table, into: &frame, top: top + (view == .server ? 1 : 0),
                 bottom: context.bodyBottom, glyphs: context.glyphs)
    }

    /// The column titles at `top` (the sort column marked), then the rows that fit down to `bottom`, scrolled to
    /// keep the selected row in sight: what every table view draws, whatever its rows are about. A column of width 0
    /// is left out (a narrow screen's choice).
    static func drawRows(_ rows: [TableRow], columns: [ColumnHeading], table: TableState, into frame: inout Frame, top headerY: Int,
                         bottom: Int, glyphs: Glyphs) {
        let widths = columnWidths(columns, total: frame.width)
        drawHeadings(columns, widths: widths, sortedBy: table.sortColumn, descending: table.descending, into: &frame, y: headerY, glyphs: glyphs)
        let bodyTop = headerY + 1
        let bodyHeight = max(0, bottom - bodyTop + 1)
        if rows.isEmpty {
            let message = table.filter.isEmpty ? "no rows" : "no rows match /\(table.filter)"
            frame.put(message, x: 1, y: bodyTop, role: .muted)
            return
        }
        let selected = max(0, min(rows.count - 1, table.selected))
        let first = ScreenLayout.top(selected: selected, previousTop: table.top, bodyHeight: bodyHeight, count: rows.count)
        for (offset, row) in rows.dropFirst(first).prefix(bodyHeight).enumerated() {
            let y = bodyTop + offset
            drawCells(of: row, columns: columns, widths: widths, into: &frame, y: y, glyphs: glyphs)
            if first + offset == selected { frame.recolor(x: 0, y: y, width: frame.width, role: .selection) }
        }
    }

    /// The column titles on row `y`, the sort column (if any) marked.
    static func drawHeadings(_ columns: [ColumnHeading], widths: [Int], sortedBy sortColumn: Int?, descending: Bool, into frame: inout Frame,
                             y: Int, glyphs: Glyphs) {
        var x = 0
        for (index, column) in columns.enumerated() where widths[index] > 0 {
            var title = column.title
            if index == sortColumn { title += descending ? glyphs.sortDescending : glyphs.sortAscending }
            let role: Role = index == sortColumn ? .accent : .header
            frame.put(Format.fit(title, widths[index], ellipsis: "", alignRight: column.alignRight), x: x, y: y, role: role)
            x += widths[index] + 1
        }
    }

    /// One row's cells on row `y`, each in its column's width and role.
    static func drawCells(of row: TableRow, columns: [ColumnHeading], widths: [Int], into frame: inout Frame, y: Int, glyphs: Glyphs) {
        var x = 0
        for (index, cell) in row.cells.enumerated() where index < columns.count && widths[index] > 0 {
            let role = row.cellRoles.indices.contains(index) ? row.cellRoles[index] ?? row.role : row.role
            frame.put(Format.fit(cell, widths[index], ellipsis: glyphs.ellipsis, alignRight: columns[index].alignRight), x: x, y: y, role: role)
            x += widths[index] + 1
        }
    }

    /// Fixed widths for every column; the flexible one takes what is left (at least its minimum).
    static func columnWidths(_ columns: [ColumnHeading], total: Int) -> [Int] {
        let shown = columns.filter { $0.width > 0 || $0.flexible }
        let fixed = shown.filter { !$0.flexible }.map(\.width).reduce(0, +) + max(0, shown.count - 1)
        return columns.map { $0.flexible ? max($0.width, total - fixed) : $0.width }
    }
}
