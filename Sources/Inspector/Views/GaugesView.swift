/// Three bars: in use against pool size, against pool size + max overflow, and server connections.
enum GaugesView {
    static func draw(into frame: inout Frame, data: DashboardData, y: Int, glyphs: Glyphs) -> Int {
        let pool = data.pool
        let config = pool.configuration
        gauge("in use / pool_size", value: pool.inUse, limit: config.poolSize, into: &frame, y: y, glyphs: glyphs)
        if let maximum = config.maxConnections {
            gauge("in use / size+overflow", value: pool.inUse, limit: maximum, into: &frame, y: y + 1, glyphs: glyphs)
        } else {
            frame.put(Format.fit("in use / size+overflow", 25, ellipsis: glyphs.ellipsis), x: 0, y: y + 1, role: .muted)
            frame.put("\(pool.inUse) (overflow unlimited)", x: 25, y: y + 1, role: .text)
        }
        if let connections = data.server.connections, let maximum = data.server.maxConnections {
            gauge("server / max_connections", value: connections, limit: maximum, into: &frame, y: y + 2, glyphs: glyphs)
        } else {
            frame.put(Format.fit("server / max_connections", 25, ellipsis: glyphs.ellipsis), x: 0, y: y + 2, role: .muted)
            frame.put(data.server.unavailable ?? "n/a: not reported", x: 25, y: y + 2, role: .warning)
        }
        return y + 3
    }

    static func gauge(_ label: String, value: Int, limit: Int, into frame: inout Frame, y: Int, glyphs: Glyphs) {
        frame.put(Format.fit(label, 25, ellipsis: glyphs.ellipsis), x: 0, y: y, role: .muted)
        let numbers = " \(value)/\(limit)"
        let percent = limit > 0 ? Int((Double(value) / Double(limit) * 100).rounded()) : (value > 0 ? 100 : 0)
        let tail = Format.fit(numbers, 10, ellipsis: glyphs.ellipsis) + Format.fit("\(percent)%", 5, ellipsis: "", alignRight: true)
        let barWidth = max(4, frame.width - 25 - 2 - tail.count - 1)
        let role: Role = percent >= 100 ? .error : (percent >= 80 ? .warning : .chart)
        let filled = limit > 0 ? min(barWidth, Int((Double(value) / Double(limit) * Double(barWidth)).rounded())) : (value > 0 ? barWidth : 0)
        frame.put("[", x: 25, y: y, role: .border)
        for i in 0..<barWidth {
            frame.put(i < filled ? glyphs.gaugeFull : glyphs.gaugeEmpty, x: 26 + i, y: y, role: i < filled ? role : .muted)
        }
        frame.put("]", x: 26 + barWidth, y: y, role: .border)
        frame.put(tail, x: 27 + barWidth, y: y, role: percent >= 100 ? .error : .text)
    }
}
