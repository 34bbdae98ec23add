/// Connections, workers and server views: a sortable, filterable, scrolling table with a selected row.
enum TableView {
    static func draw(into frame: inout Frame, data: DashboardData, context: ViewContext) {
        let view = context.state.view
        let top = context.bodyTop
        if view == .server {
            var summary = "server"
            if let version = data.server.serverVersion ?? data.serverVersion { summary += " " + version }
            if let connections = data.server.connections { summary += "  connections \(connections)" }
            if let maximum = data.server.maxConnections { summary += "/\(maximum)" }
            frame.put(summary, x: 0, y: top, role: .muted)
            if let reason = data.server.unavailable {
                frame.put(reason.hasPrefix("n/a") ? reason : "n/a: " + reason, x: 0, y: top + 1, role: .warning)
                return
            }
        }
        let table = context.state.table(view)
        let columns = TableCatalog.columns(for: view)
        let rows = TableCatalog.visibleRows(for: view, data: data, table: table, glyphs: context.glyphs)
        let widths = columnWidths(columns, total: frame.width)
        let headerY = top + (view == .server ? 1 : 0)
        var x = 0
        for (index, column) in columns.enumerated() {
            var title = column.title
            if index == table.sortColumn { title += table.descending ? context.glyphs.sortDescending : context.glyphs.sortAscending }
            let role: Role = index == table.sortColumn ? .accent : .header
            frame.put(Format.fit(title, widths[index], ellipsis: "", alignRight: column.alignRight), x: x, y: headerY, role: role)
            x += widths[index] + 1
        }
        let bodyTop = headerY + 1
        let bodyHeight = max(0, context.bodyBottom - bodyTop + 1)
        if rows.isEmpty {
            let message = table.filter.isEmpty ? "no rows" : "no rows match /\(table.filter)"
            frame.put(message, x: 1, y: bodyTop, role: .muted)
            return
        }
        let selected = max(0, min(rows.count - 1, table.selected))
        let first = TableLayout.top(selected: selected, previousTop: table.top, bodyHeight: bodyHeight, count: rows.count)
        for (offset, row) in rows.dropFirst(first).prefix(bodyHeight).enumerated() {
            let y = bodyTop + offset
            var x = 0
            for (index, cell) in row.cells.enumerated() where index < columns.count {
                let role = row.cellRoles.indices.contains(index) ? row.cellRoles[index] ?? row.role : row.role
                frame.put(Format.fit(cell, widths[index], ellipsis: context.glyphs.ellipsis, alignRight: columns[index].alignRight), x: x, y: y, role: role)
                x += widths[index] + 1
            }
            if first + offset == selected { frame.recolor(x: 0, y: y, width: frame.width, role: .selection) }
        }
    }

    /// Fixed widths for every column; the flexible one takes what is left (at least its minimum).
    static func columnWidths(_ columns: [TableColumn], total: Int) -> [Int] {
        let fixed = columns.filter { !$0.flexible }.map(\.width).reduce(0, +) + max(0, columns.count - 1)
        return columns.map { $0.flexible ? max($0.width, total - fixed) : $0.width }
    }
}

/// The SQL console: a prompt, the statement that ran last, and its answer.
enum ConsoleView {
    static func draw(into frame: inout Frame, context: ViewContext) {
        let console = context.state.console
        let top = context.bodyTop
        let prompting = context.state.mode == .prompt
        var x = frame.put("SQL> ", x: 0, y: top, role: .accent)
        if prompting || !console.input.isEmpty {
            let visible = max(1, frame.width - x - 2)
            let input = String(console.input.suffix(visible))
            x += frame.put(input, x: x, y: top, role: .text)
            if prompting { frame.put("_", x: x, y: top, role: .accent) }
        } else {
            frame.put("press : or e to type SQL; it runs through the pool", x: x, y: top, role: .muted)
        }
        if let statement = console.lastStatement {
            frame.put((console.running ? "running: " : "ran: ") + statement, x: 0, y: top + 2, role: .muted, limit: frame.width - 24)
        }
        var y = top + 3
        let height = outputHeight(frameHeight: frame.height)
        let first = max(0, min(console.scroll, console.output.count - height))
        for line in console.output.dropFirst(first).prefix(height) {
            let isError = line.hasPrefix("ERROR") || line.contains("SQLSTATE")
            frame.put(line, x: 0, y: y, role: isError ? .error : .text)
            y += 1
        }
        if console.output.count > height {
            frame.putRight("lines \(first + 1)-\(first + height) of \(console.output.count) ", right: frame.width, y: top + 2, role: .muted)
        }
    }

    /// Rows for the answer: below the prompt, a blank row and the statement line, above the footer.
    static func outputHeight(frameHeight: Int) -> Int { max(0, frameHeight - 1 - 6) }
}

/// Every key, grouped, from the same `KeyMap` table that drives input.
enum HelpOverlay {
    static func lines() -> [(String, Role)] {
        var lines: [(String, Role)] = []
        for group in KeyBinding.Group.allCases {
            let bindings = KeyMap.bindings.filter { $0.group == group }
            guard !bindings.isEmpty else { continue }
            if !lines.isEmpty { lines.append(("", .text)) }
            lines.append((group.rawValue, .header))
            for binding in bindings {
                lines.append((Format.fit(binding.keyLabel, 10, ellipsis: "") + " " + binding.summary, .text))
            }
        }
        return lines
    }

    static func draw(into frame: inout Frame, context: ViewContext) {
        let all = lines()
        let boxWidth = min(frame.width - 2, 120)
        let columns = boxWidth >= 76 ? 2 : 1
        let columnWidth = (boxWidth - 3) / columns
        let innerHeight = max(1, min(frame.height - 4, (all.count + columns - 1) / columns))
        let boxHeight = innerHeight + 2
        let left = (frame.width - boxWidth) / 2
        let top = max(0, (frame.height - boxHeight) / 2)
        frame.fill(x: left, y: top, width: boxWidth, height: boxHeight)
        drawBorder(into: &frame, x: left, y: top, width: boxWidth, height: boxHeight, glyphs: context.glyphs)
        frame.put(" Help ", x: left + 2, y: top, role: .header)
        let perPage = innerHeight * columns
        let maxTop = max(0, all.count - perPage)
        let first = min(context.state.helpTop, maxTop)
        for (index, line) in all.dropFirst(first).prefix(perPage).enumerated() {
            let column = index / innerHeight
            let row = index % innerHeight
            frame.put(Format.fit(line.0, columnWidth - 1, ellipsis: context.glyphs.ellipsis), x: left + 2 + column * columnWidth, y: top + 1 + row, role: line.1)
        }
        if maxTop > 0 { frame.put(" more: Up/Down ", x: left + boxWidth - 17, y: top + boxHeight - 1, role: .muted) }
    }

    private static func drawBorder(into frame: inout Frame, x: Int, y: Int, width: Int, height: Int, glyphs: Glyphs) {
        for column in x..<(x + width) {
            frame.put(glyphs.horizontal, x: column, y: y, role: .border)
            frame.put(glyphs.horizontal, x: column, y: y + height - 1, role: .border)
        }
        for row in y..<(y + height) {
            frame.put(glyphs.vertical, x: x, y: row, role: .border)
            frame.put(glyphs.vertical, x: x + width - 1, y: row, role: .border)
        }
        let corners = glyphs.corners
        frame.put(corners.0, x: x, y: y, role: .border)
        frame.put(corners.1, x: x + width - 1, y: y, role: .border)
        frame.put(corners.2, x: x, y: y + height - 1, role: .border)
        frame.put(corners.3, x: x + width - 1, y: y + height - 1, role: .border)
    }
}
