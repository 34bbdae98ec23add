import Workload

/// pgbouncer's totals over time, three charts side by side: clients (waiting over active), servers (active
/// over idle) and the longest wait, one sample per poll.
enum PgBouncerCharts {
    static func draw(into frame: inout Frame, samples: [PgBouncerSample], y: Int, chartRows: Int, glyphs: Glyphs) -> Int {
        let panelWidth = (frame.width - 2) / 3
        let renderer = ChartRenderer(style: glyphs.chartStyle)
        let last = samples.last
        let active = samples.map { Double($0.clientsActive) }
        let clients = samples.map { Double($0.clientsActive + $0.clientsWaiting) }
        let serversActive = samples.map { Double($0.serversActive) }
        let servers = samples.map { Double($0.serversActive + $0.serversIdle) }
        let maxWait = samples.map { $0.maxWait.milliseconds }
        let panels: [(String, [ChartRenderer.Series], Double, Bool)] = [
            ("clients active \(last?.clientsActive ?? 0) waiting \(last?.clientsWaiting ?? 0)",
             [.init(values: clients, role: .waiting), .init(values: active, role: .inUse)], clients.max() ?? 0, false),
            ("servers active \(last?.serversActive ?? 0) idle \(last?.serversIdle ?? 0)",
             [.init(values: servers, role: .idle), .init(values: serversActive, role: .inUse)], servers.max() ?? 0, false),
            ("maxwait \(Format.duration(last?.maxWait ?? .zero))", [.init(values: maxWait, role: .waiting)], maxWait.max() ?? 0, true),
        ]
        for (index, panel) in panels.enumerated() {
            let x = index * (panelWidth + 1)
            let scale = ChartsView.niceMaximum(panel.2)
            frame.put(Format.fit(panel.0, panelWidth - 7, ellipsis: glyphs.ellipsis), x: x, y: y, role: .header)
            frame.putRight(panel.3 ? Format.duration(.milliseconds(scale)) : Format.count(scale), right: x + panelWidth, y: y, role: .muted)
            renderer.draw(panel.1, maximum: scale, into: &frame, x: x, y: y + 1, width: panelWidth, height: chartRows)
            for column in 0..<panelWidth { frame.put(glyphs.horizontal, x: x + column, y: y + 1 + chartRows, role: .border) }
        }
        return y + chartRows + 2
    }
}
