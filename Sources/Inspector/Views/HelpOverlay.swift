/// Every key of a screen, grouped, from the same key table that drives its input (`KeyMap` for the main screen,
/// `WatchKeys` for `pooltop watch`), so help cannot drift from the keys.
enum HelpOverlay {
    /// The main screen's keys, the replay's among them.
    static func lines() -> [(String, Role)] { lines(KeyMap.bindings + KeyMap.replayBindings) }

    static func lines(_ table: [KeyBinding]) -> [(String, Role)] {
        var lines: [(String, Role)] = []
        for group in KeyBinding.Group.allCases {
            let bindings = table.filter { $0.group == group }
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
        draw(lines(), into: &frame, top: context.state.helpTop, glyphs: context.glyphs)
    }

    /// The box over the middle of the frame, in two columns when it is wide enough, from line `top` on.
    static func draw(_ all: [(String, Role)], into frame: inout Frame, top helpTop: Int, glyphs: Glyphs) {
        let boxWidth = min(frame.width - 2, 120)
        let columns = boxWidth >= 76 ? 2 : 1
        let columnWidth = (boxWidth - 3) / columns
        let innerHeight = max(1, min(frame.height - 4, (all.count + columns - 1) / columns))
        let boxHeight = innerHeight + 2
        let left = (frame.width - boxWidth) / 2
        let top = max(0, (frame.height - boxHeight) / 2)
        frame.fill(x: left, y: top, width: boxWidth, height: boxHeight)
        drawBorder(into: &frame, x: left, y: top, width: boxWidth, height: boxHeight, glyphs: glyphs)
        frame.put(" Help ", x: left + 2, y: top, role: .header)
        let perPage = innerHeight * columns
        let maxTop = max(0, all.count - perPage)
        let first = min(helpTop, maxTop)
        for (index, line) in all.dropFirst(first).prefix(perPage).enumerated() {
            let column = index / innerHeight
            let row = index % innerHeight
            frame.put(Format.fit(line.0, columnWidth - 1, ellipsis: glyphs.ellipsis), x: left + 2 + column * columnWidth, y: top + 1 + row, role: line.1)
        }
        if maxTop > 0 { frame.put(" more: Up/Down ", x: left + boxWidth - 17, y: top + boxHeight - 1, role: .muted) }
    }

    static func drawBorder(into frame: inout Frame, x: Int, y: Int, width: Int, height: Int, glyphs: Glyphs) {
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
