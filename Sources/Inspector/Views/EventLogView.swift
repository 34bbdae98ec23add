import ConnectionPool
import Workload

/// The newest pool and server events that matter, in time order, newest at the bottom.
enum EventLogView {
    /// One line of the log, from either source.
    struct Line {
        var at: Duration
        var text: String
        var role: Role
    }

    static func draw(into frame: inout Frame, events: [PoolEvent], serverEvents: [ServerEvent] = [], top: Int, bottom: Int, glyphs: Glyphs) {
        guard bottom >= top else { return }
        frame.put("Events", x: 0, y: top, role: .header)
        let lines = self.lines(events: events, serverEvents: serverEvents, glyphs: glyphs)
        frame.putRight("\(lines.count) shown of \(events.count + serverEvents.count) ", right: frame.width, y: top, role: .muted)
        let rows = bottom - top
        guard rows > 0 else { return }
        for (index, line) in lines.suffix(rows).enumerated() {
            let y = top + 1 + index
            let x = frame.put(Format.clock(line.at) + "  ", x: 0, y: y, role: .muted)
            frame.put(line.text, x: x, y: y, role: line.role)
        }
    }

    /// The logged pool events and every server event, merged by time (a pool event first on a tie).
    static func lines(events: [PoolEvent], serverEvents: [ServerEvent], glyphs: Glyphs) -> [Line] {
        let pool = events.filter(EventText.isLogged).map {
            Line(at: $0.at, text: EventText.describe($0, glyphs: glyphs), role: EventText.role($0))
        }
        guard !serverEvents.isEmpty else { return pool }
        let server = serverEvents.map {
            Line(at: $0.at, text: ServerEventText.describe($0, glyphs: glyphs), role: ServerEventText.role($0))
        }
        var merged: [Line] = []
        merged.reserveCapacity(pool.count + server.count)
        var p = pool.startIndex, s = server.startIndex
        while p < pool.endIndex || s < server.endIndex {
            if s == server.endIndex || (p < pool.endIndex && pool[p].at <= server[s].at) {
                merged.append(pool[p]); p += 1
            } else {
                merged.append(server[s]); s += 1
            }
        }
        return merged
    }
}
