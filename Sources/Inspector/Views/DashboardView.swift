import ConnectionPool
import Workload

/// The main view: the pool's slots, the waiter queue, gauges, charts over time and the event log.
enum DashboardView {
    static func draw(into frame: inout Frame, data: DashboardData, context: ViewContext) {
        var y = context.bodyTop
        let bottom = context.bodyBottom
        if !context.compact {
            drawLegend(into: &frame, y: y, glyphs: context.glyphs)
            y += 1
        }
        y = PoolCellsView.draw(into: &frame, pool: data.pool, y: y, maxRows: context.compact ? 2 : 6, glyphs: context.glyphs)
        y = drawWaiters(into: &frame, pool: data.pool, y: y, glyphs: context.glyphs)
        if !context.compact { y += 1 }
        y = GaugesView.draw(into: &frame, data: data, y: y, glyphs: context.glyphs)
        if !context.compact { y += 1 }
        let remaining = bottom - y + 1
        let chartRows = context.compact ? max(3, min(4, remaining - 5)) : max(4, min(14, remaining / 2 - 2))
        y = ChartsView.draw(into: &frame, data: data, y: y, chartRows: chartRows, glyphs: context.glyphs)
        EventLogView.draw(into: &frame, events: data.events, top: y, bottom: bottom, glyphs: context.glyphs)
    }

    private static func drawLegend(into frame: inout Frame, y: Int, glyphs: Glyphs) {
        let entries: [(SlotState, SlotKind, String)] = [
            (.idle, .core, "idle"), (.inUse, .core, "in use"), (.inUse, .overflow, "overflow in use"),
            (.idle, .overflow, "overflow idle"), (.connecting, .core, "connecting"), (.checking, .core, "checking"),
            (.closing, .core, "closing"), (.broken, .core, "broken"),
        ]
        var x = frame.put("Legend  ", x: 0, y: y, role: .muted)
        for (state, kind, name) in entries {
            frame.put(glyphs.slot(state, kind: kind), x: x, y: y, role: Glyphs.role(state, kind: kind))
            x += 1 + frame.put(" " + name + "  ", x: x + 1, y: y, role: .muted)
        }
        frame.put(glyphs.emptySlot, x: x, y: y, role: .muted)
        frame.put(" not open", x: x + 1, y: y, role: .muted)
    }

    private static func drawWaiters(into frame: inout Frame, pool: PoolSnapshot, y: Int, glyphs: Glyphs) -> Int {
        let waiters = pool.waiters
        var x = frame.put("Waiters ", x: 0, y: y, role: .header)
        x += frame.put("\(waiters.count)", x: x, y: y, role: waiters.count > 0 ? .waiting : .text)
        if let oldest = waiters.oldestWait, waiters.count > 0 {
            x += frame.put("  oldest ", x: x, y: y, role: .muted)
            x += frame.put(Format.duration(oldest), x: x, y: y, role: .waiting)
        }
        x += 2
        for (index, waiter) in waiters.oldest.enumerated() {
            let text = " \(waiter.holder) \(Format.duration(waiter.waited))  "
            if x + text.count + 1 > frame.width - 6 {
                let more = waiters.count - index
                frame.put("+\(more)", x: x, y: y, role: .muted)
                break
            }
            frame.put(glyphs.waiter, x: x, y: y, role: .waiting)
            x += 1 + frame.put(text, x: x + 1, y: y, role: .text)
        }
        return y + 1
    }
}

/// The pool as one cell per connection: core slots on one line, overflow slots on the next.
enum PoolCellsView {
    static func draw(into frame: inout Frame, pool: PoolSnapshot, y: Int, maxRows: Int, glyphs: Glyphs) -> Int {
        let config = pool.configuration
        let core = pool.slots.filter { $0.kind == .core }
        let overflow = pool.slots.filter { $0.kind == .overflow }
        let coreCapacity = max(config.poolSize, core.count)
        let overflowCapacity = config.maxOverflow < 0 ? overflow.count : max(config.maxOverflow, overflow.count)
        let overflowLimit = config.maxOverflow < 0 ? glyphs.infinity : "\(config.maxOverflow)"
        var row = y
        row = line("core", "\(core.count)/\(config.poolSize)", slots: core, capacity: coreCapacity, into: &frame, y: row, rows: max(1, maxRows / 2), glyphs: glyphs)
        row = line("overflow", "\(overflow.count)/\(overflowLimit)", slots: overflow, capacity: overflowCapacity, into: &frame, y: row, rows: max(1, maxRows / 2), glyphs: glyphs)
        return row
    }

    private static let labelWidth = 20

    private static func line(_ name: String, _ count: String, slots: [Slot], capacity: Int, into frame: inout Frame, y: Int, rows: Int, glyphs: Glyphs) -> Int {
        frame.put(name == "core" ? "Pool" : "", x: 0, y: y, role: .header)
        frame.put(Format.fit(name + " " + count, 15, ellipsis: glyphs.ellipsis), x: 5, y: y, role: .text)
        let perRow = max(1, (frame.width - labelWidth - 1) / 2)
        let shown = min(capacity, perRow * rows)
        var row = y
        for position in 0..<max(shown, 1) {
            row = y + position / perRow
            let x = labelWidth + (position % perRow) * 2
            guard position < shown else { break }
            if position < slots.count {
                let slot = slots[position]
                frame.put(glyphs.slot(slot.state, kind: slot.kind), x: x, y: row, role: Glyphs.role(slot.state, kind: slot.kind))
            } else {
                frame.put(glyphs.emptySlot, x: x, y: row, role: .muted)
            }
        }
        if capacity > shown, slots.count > shown {
            frame.putRight("+\(slots.count - shown) more", right: frame.width, y: row, role: .muted)
        }
        return row + 1
    }
}

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

/// The three charts side by side, each with a title and a time axis where config changes are marked.
enum ChartsView {
    static func draw(into frame: inout Frame, data: DashboardData, y: Int, chartRows: Int, glyphs: Glyphs) -> Int {
        let samples = data.load.samples
        let panelWidth = (frame.width - 2) / 3
        let renderer = ChartRenderer(style: glyphs.chartStyle)
        let last = samples.last
        let qps = samples.map(\.qps)
        let p50 = samples.map { Format.seconds($0.waitP50) * 1000 }
        let p99 = samples.map { Format.seconds($0.waitP99) * 1000 }
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
            seconds.insert(Int(Format.seconds(event.at - data.loadStartedAtPoolUptime).rounded(.up)))
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
