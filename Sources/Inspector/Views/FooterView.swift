/// The bottom row: the keys that matter now, the pending question or prompt, and the last status message.
enum FooterView {
    static func draw(into frame: inout Frame, context: ViewContext) {
        let y = frame.height - 1
        let state = context.state
        let status = state.status ?? ""
        let statusWidth = statusWidth(status, frameWidth: frame.width)
        var x = 0
        switch state.mode {
        case .confirm(let confirmation):
            frame.put(confirmation.question, x: 0, y: y, role: .warning)
            return
        case .consoleQuestion(let question):
            frame.put(question.text, x: 0, y: y, role: .warning)
            return
        case .filtering:
            x += hint("Enter", "keep", into: &frame, x: x, y: y)
            x += hint("Esc", "clear", into: &frame, x: x, y: y)
        case .prompt:
            x += ConsoleFooter.draw(into: &frame, console: state.console, y: y)
        case .normal:
            if state.knobs?.editing != nil {
                x += hint("Enter", "apply", into: &frame, x: x, y: y)
                x += hint("Esc", "cancel", into: &frame, x: x, y: y)
            } else if state.knobs != nil, !state.showHelp {
                x += hint("Up/Down", "knob", into: &frame, x: x, y: y)
                x += hint("+/-", "step", into: &frame, x: x, y: y)
                x += hint("Enter", "type", into: &frame, x: x, y: y)
                x += hint("Esc", "close", into: &frame, x: x, y: y)
            } else if state.showHelp {
                x += helpHints(into: &frame, x: x, y: y)
            } else {
                x += hints(state.replaying ? KeyMap.replayFooter : KeyMap.footer(for: state.view), into: &frame, x: x, y: y, reserving: statusWidth)
            }
        }
        drawStatus(status, width: statusWidth, into: &frame, after: x, y: y, glyphs: context.glyphs)
    }

    /// The bindings' footer texts from `x`, as many as fit before the last `reserving` columns; answers the width used.
    static func hints(_ bindings: [KeyBinding], into frame: inout Frame, x start: Int, y: Int, reserving: Int) -> Int {
        var x = start
        for binding in bindings {
            guard let text = binding.footer, let space = text.firstIndex(of: " ") else { continue }
            let needed = text.count + 2
            if x + needed > frame.width - 1 - reserving { break }
            x += hint(String(text[..<space]), String(text[text.index(after: space)...]), into: &frame, x: x, y: y)
        }
        return x - start
    }

    /// The footer while a help overlay is open, on any screen; answers the width used.
    static func helpHints(into frame: inout Frame, x start: Int, y: Int) -> Int {
        var x = start
        x += hint("Esc", "close help", into: &frame, x: x, y: y)
        x += hint("Up/Down", "scroll", into: &frame, x: x, y: y)
        x += hint("q", "Quit", into: &frame, x: x, y: y)
        return x - start
    }

    /// The width the status line takes at the right (0: none).
    static func statusWidth(_ status: String, frameWidth: Int) -> Int {
        status.isEmpty ? 0 : min(status.count + 2, frameWidth / 2)
    }

    /// The status at the right edge, when there is room for it after `x`.
    static func drawStatus(_ status: String, width: Int, into frame: inout Frame, after x: Int, y: Int, glyphs: Glyphs) {
        guard width > 0 else { return }
        let room = min(width - 1, frame.width - x - 1)
        if room > 8 {
            frame.putRight(Format.fit(status, min(room, status.count), ellipsis: glyphs.ellipsis), right: frame.width, y: y, role: .accent)
        }
    }

    /// A key in the header role and what it does, muted; answers the width used.
    static func hint(_ key: String, _ label: String, into frame: inout Frame, x: Int, y: Int) -> Int {
        var width = frame.put(key, x: x, y: y, role: .header)
        width += frame.put(" " + label + "  ", x: x + width, y: y, role: .muted)
        return width
    }
}
