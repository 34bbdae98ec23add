import Workload

/// The selected pool's connections over the last polls, stacked by state (lock waits at the bottom).
enum WatchChart {
    /// Bottom of the stack first: each series is drawn as the sum of its state and those below it.
    static let stack: [ClientState] = [.waitingOnLock, .idleInTransactionAborted, .idleInTransaction, .active, .idle, .other, .hidden]

    /// Title, `chartRows` of chart and an axis line from `y`.
    static func draw(into frame: inout Frame, pool: ClientPoolKey, history: [StateCounts], current: StateCounts?, y: Int, chartRows: Int,
                     glyphs: Glyphs) {
        let counts = current ?? StateCounts()
        var title = (pool.application.isEmpty ? "(none)" : pool.application) + " \(counts.total) connections:"
        for state in stack where counts[state] > 0 { title += " \(counts[state]) \(state.rawValue)," }
        if title.hasSuffix(",") { title.removeLast() }
        let maximum = ChartsView.niceMaximum(Double(history.map(\.total).max() ?? 0))
        let scale = Format.count(maximum)
        frame.put(Format.fit(title, max(0, frame.width - scale.count - 1), ellipsis: glyphs.ellipsis), x: 0, y: y, role: .header)
        frame.putRight(scale, right: frame.width, y: y, role: .muted)
        var running = Array(repeating: 0.0, count: history.count)
        var layers: [ChartRenderer.Series] = []
        for state in stack {
            for (index, sample) in history.enumerated() { running[index] += Double(sample[state]) }
            layers.append(ChartRenderer.Series(values: running, role: state.role))
        }
        let renderer = ChartRenderer(style: glyphs.chartStyle)
        renderer.draw(layers.reversed(), maximum: maximum, into: &frame, x: 0, y: y + 1, width: frame.width, height: chartRows)
        for column in 0..<frame.width { frame.put(glyphs.horizontal, x: column, y: y + 1 + chartRows, role: .border) }
    }
}
