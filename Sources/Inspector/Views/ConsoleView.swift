/// The SQL console: a status row (backend, transaction, what runs), the transcript of statements and answers,
/// and the editor with its psql-style prompt at the bottom.
enum ConsoleView {
    static func draw(into frame: inout Frame, context: ViewContext) {
        let console = context.state.console
        let top = context.bodyTop
        let bottom = context.bodyBottom
        let prompting = context.state.mode == .prompt
        let editorRows = console.editorHeight(frameHeight: frame.height)
        let transcriptRows = console.transcriptHeight(frameHeight: frame.height)
        drawStatus(into: &frame, console: console, y: top)

        let lines = console.transcript.lines
        let first = max(0, min(console.scroll, lines.count - transcriptRows))
        for (row, line) in lines.dropFirst(first).prefix(transcriptRows).enumerated() {
            frame.put(line, x: 0, y: top + 1 + row)
        }
        if lines.count > transcriptRows {
            let last = min(lines.count, first + transcriptRows)
            frame.putRight(" lines \(first + 1)-\(last) of \(lines.count) ", right: frame.width, y: top, role: .muted)
        }

        let editorTop = bottom - editorRows + 1
        if let search = console.search {
            let label = search.failed ? "(failed reverse-i-search)`" : "(reverse-i-search)`"
            var x = frame.put(label + search.query + "': ", x: 0, y: editorTop, role: .accent)
            x += frame.put(ResultLayout.visible(PasswordLiteral.masked(search.match ?? "")), x: x, y: editorTop, role: .text)
            return
        }
        if !prompting, console.editor.isEmpty {
            let x = frame.put(console.prompt(row: 0), x: 0, y: editorTop, role: .accent)
            frame.put("press : or e to type SQL (Esc gave the keys back); it runs through the pool", x: x, y: editorTop, role: .muted)
            return
        }
        drawEditor(into: &frame, console: console, top: editorTop, rows: editorRows, cursor: prompting)
    }

    private static func drawStatus(into frame: inout Frame, console: ConsoleState, y: Int) {
        var x = frame.put("SQL console", x: 0, y: y, role: .header)
        if let pid = console.backendPID { x += frame.put("  backend \(pid)", x: x, y: y, role: .muted) }
        if console.transaction.isOpen {
            x += frame.put("  " + console.transaction.label, x: x, y: y, role: console.transaction == .failed ? .error : .warning)
        }
        if console.expanded { x += frame.put("  \\x on", x: x, y: y, role: .muted) }
        let elapsed = console.runningFor.map { " " + Format.duration($0) } ?? ""
        switch console.phase {
        case .idle: break
        case .running(_, let cancelling):
            let text = cancelling ? "  cancelling…" : "  running\(elapsed) (Esc or Ctrl-C cancels)"
            frame.put(text, x: x, y: y, role: .warning)
        case .watching(_, let seconds):
            frame.put("  \\watch every \(seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)) s (Esc stops)", x: x, y: y, role: .warning)
        }
    }

    /// The editor's lines under their prompts; the cursor's line scrolls sideways to keep the cursor in view.
    private static func drawEditor(into frame: inout Frame, console: ConsoleState, top: Int, rows: Int, cursor: Bool) {
        let lines = console.editor.lines
        let firstRow = max(0, min(console.editor.cursorRow - rows + 1, lines.count - rows))
        for row in firstRow..<min(lines.count, firstRow + rows) {
            let y = top + row - firstRow
            let prompt = console.prompt(row: row)
            let x = frame.put(prompt, x: 0, y: y, role: .accent)
            let room = max(1, frame.width - x - 1)
            var text = lines[row]
            var cursorX = x + console.editor.cursorColumn
            if row == console.editor.cursorRow, console.editor.cursorColumn >= room {
                let hidden = console.editor.cursorColumn - room + 1
                text = drop(columns: hidden, of: text)
                cursorX -= DisplayWidth.of(lines[row]) - DisplayWidth.of(text)
            }
            frame.put(text, x: x, y: y, role: .text, limit: room)
            if cursor, row == console.editor.cursorRow {
                var cell = frame[cursorX, y]
                if cell.width == 0 { cell = Cell(" ", role: .selection) }
                cell.role = .selection
                frame[cursorX, y] = cell
            }
        }
    }

    /// `text` without its first `columns` display columns (a wide character cut in half goes whole).
    static func drop(columns: Int, of text: String) -> String {
        var used = 0
        var index = text.startIndex
        while index < text.endIndex, used < columns {
            used += DisplayWidth.of(text[index])
            index = text.index(after: index)
        }
        return String(text[index...])
    }
}
