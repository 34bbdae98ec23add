import ConnectionPool

/// The newest pool events that matter, newest at the bottom.
enum EventLogView {
    static func draw(into frame: inout Frame, events: [PoolEvent], top: Int, bottom: Int, glyphs: Glyphs) {
        guard bottom >= top else { return }
        frame.put("Events", x: 0, y: top, role: .header)
        let logged = events.filter(EventText.isLogged)
        frame.putRight("\(logged.count) shown of \(events.count) ", right: frame.width, y: top, role: .muted)
        let rows = bottom - top
        guard rows > 0 else { return }
        for (index, event) in logged.suffix(rows).enumerated() {
            let y = top + 1 + index
            let x = frame.put(Format.clock(event.at) + "  ", x: 0, y: y, role: .muted)
            frame.put(EventText.describe(event, glyphs: glyphs), x: x, y: y, role: EventText.role(event))
        }
    }
}
