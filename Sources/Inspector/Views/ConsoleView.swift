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
            frame.put("press : or e to type SQL (Esc gave the keys back); it runs through the pool", x: x, y: top, role: .muted)
        }
        if let statement = console.lastStatement {
            frame.put((console.running ? "running: " : "ran: ") + statement, x: 0, y: top + 2, role: .muted, limit: frame.width - 24)
        }
        var y = top + 3
        let height = ScreenLayout.consoleOutputHeight(frameHeight: frame.height)
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
}
