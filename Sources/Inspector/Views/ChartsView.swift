import ConnectionPool
import Workload

/// The three charts side by side, each with a title and a time axis where config changes are marked.
enum ChartsView {
    static func draw(into frame: inout Frame, data: DashboardData, y: Int, chartRows: Int, glyphs: Glyphs) -> Int {
        let samples = data.load.samples
        let panelWidth = (frame.width - 2) / 3
        let renderer = ChartRenderer(style: glyphs.chartStyle)
        let last = samples.last
        let qps = samples.map(\.qps)
        let p50 = samples.map { $0.waitP50.milliseconds }
        let p99 = samples.map { $0.waitP99.milliseconds }
        let inUse = samples.map { Double($0.inUse) }
        let idle = samples.map { Double($0.inUse + $0.idle) }
        let overflow = samples.map { Double($0.inUse + $0.idle + $0.overflow) }
        let panels: [(String, [ChartRenderer.Series], Double)] = [
            ("q/s \(Format.count(last?.qps ?? 0))", [.init(values: qps, role: .chart)], qps.max() ?? 0),
            ("wait p50 \(Format.duration(last?.waitP50 ?? .zero)) p99 \(Format.duration(last?.waitP99 ?? .zero))",
             [.init(values: p99, role: .chartAlt), .init(values: p50, role: .chart)], p99.max() ?? 0),
            ("conns use \(last?.inUse ?? 0) idle \(last?.idle ?? 0) ovf \(last?.overflow ?? 0)",
             [.init(values: overflow, role: .overflow), .init(values: idle, role: .idle), .init(values: inUse, role: .inUse)],
             overflow.max() ?? 0),
        ]
        let markers = markerSeconds(data)
        for (index, panel) in panels.enumerated() {
            let x = index * (panelWidth + 1)
            let scale = niceMaximum(panel.2)
            frame.put(Format.fit(panel.0, panelWidth - 7, ellipsis: glyphs.ellipsis), x: x, y: y, role: .header)
            frame.putRight(index == 1 ? Format.duration(.milliseconds(scale)) : Format.count(scale), right: x + panelWidth, y: y, role: .muted)
            renderer.draw(panel.1, maximum: scale, into: &frame, x: x, y: y + 1, width: panelWidth, height: chartRows)
            drawAxis(into: &frame, samples: samples, markers: markers, x: x, y: y + 1 + chartRows, width: panelWidth, perColumn: renderer.samplesPerColumn, glyphs: glyphs)
        }
        return y + chartRows + 2
    }

    /// Load-timeline seconds at which the configuration changed.
    static func markerSeconds(_ data: DashboardData) -> Set<Int> {
        var seconds = Set<Int>()
        for event in data.events where event.isConfigurationChange {
            seconds.insert(Int((event.at - data.loadStartedAtPoolUptime).seconds.rounded(.up)))
        }
        return seconds
    }

    private static func drawAxis(into frame: inout Frame, samples: [LoadSample], markers: Set<Int>, x: Int, y: Int, width: Int, perColumn: Int, glyphs: Glyphs) {
        for column in 0..<width { frame.put(glyphs.horizontal, x: x + column, y: y, role: .border) }
        let visible = samples.suffix(width * perColumn)
        let offset = width * perColumn - visible.count
        for (index, sample) in visible.enumerated() where markers.contains(sample.second) {
            frame.put(glyphs.marker, x: x + (offset + index) / perColumn, y: y, role: .accent)
        }
    }

    /// A round upper bound for a chart's scale (1, 2, 5 × 10^n), never zero.
    static func niceMaximum(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= value { magnitude *= 10 }
        while magnitude > value { magnitude /= 10 }
        for step in [1.0, 2, 5, 10] where step * magnitude >= value { return step * magnitude }
        return 10 * magnitude
    }
}
