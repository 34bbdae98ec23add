/// The knobs panel (`o`): every pool and load knob with the value in force, the selected one highlighted,
/// the value being typed, and in place the reason a value was refused.
enum KnobsOverlay {
    /// The panel's lines: section titles and one line per knob (nil for a title).
    static func rows() -> [(title: String?, knob: Int?)] {
        var rows: [(String?, Int?)] = [("Pool", nil)]
        for (index, knob) in Knob.all.enumerated() {
            if index > 0, !knob.isPool, Knob.all[index - 1].isPool { rows.append(("Load", nil)) }
            rows.append((nil, index))
        }
        return rows
    }

    static func draw(into frame: inout Frame, data: DashboardData?, context: ViewContext) {
        guard let panel = context.state.knobs else { return }
        let glyphs = context.glyphs
        let all = rows()
        let boxWidth = min(frame.width - 2, 96)
        let innerHeight = max(3, min(frame.height - 4, all.count + 2))
        let listHeight = innerHeight - 2
        let left = (frame.width - boxWidth) / 2
        let top = max(0, (frame.height - innerHeight - 2) / 2)
        frame.fill(x: left, y: top, width: boxWidth, height: innerHeight + 2)
        HelpOverlay.drawBorder(into: &frame, x: left, y: top, width: boxWidth, height: innerHeight + 2, glyphs: glyphs)
        frame.put(" Knobs ", x: left + 2, y: top, role: .header)
        let selectedRow = all.firstIndex { $0.knob == panel.selected } ?? 0
        let first = max(0, min(all.count - listHeight, selectedRow - listHeight / 2))
        let nameWidth = 16
        let valueWidth = max(10, min(34, (boxWidth - nameWidth - 6) / 2))
        for (line, row) in all.dropFirst(first).prefix(listHeight).enumerated() {
            let y = top + 1 + line
            let x = left + 2
            guard let index = row.knob else {
                frame.put(row.title ?? "", x: x, y: y, role: .header)
                continue
            }
            let knob = Knob.all[index]
            let selected = index == panel.selected
            let value: String
            if selected, let typed = panel.editing { value = "> " + typed + "_" } else { value = data.map(knob.value(in:)) ?? "" }
            frame.put(Format.fit(knob.name, nameWidth, ellipsis: glyphs.ellipsis), x: x, y: y, role: selected ? .selection : .muted)
            frame.put(Format.fit(value, valueWidth, ellipsis: glyphs.ellipsis), x: x + nameWidth + 1, y: y,
                      role: selected ? (panel.editing == nil ? .selection : .accent) : .text)
            let noteX = x + nameWidth + valueWidth + 3
            let noteWidth = left + boxWidth - 2 - noteX
            if selected, let message = panel.message {
                frame.put(Format.fit(message, noteWidth, ellipsis: glyphs.ellipsis), x: noteX, y: y, role: .error)
            } else {
                frame.put(Format.fit(knob.syntax, noteWidth, ellipsis: glyphs.ellipsis), x: noteX, y: y, role: .muted)
            }
        }
        let bottom = top + innerHeight
        if let message = panel.message {
            frame.put(Format.fit(message, boxWidth - 4, ellipsis: glyphs.ellipsis), x: left + 2, y: bottom, role: .error)
        } else {
            let hint = panel.editing == nil
                ? "Up/Down knob  +/- step  Enter type a value  Esc close"
                : "type as the flag: 30s, 100ms..10s, off  Enter apply  Esc cancel"
            frame.put(Format.fit(hint, boxWidth - 4, ellipsis: glyphs.ellipsis), x: left + 2, y: bottom, role: .muted)
        }
    }
}
