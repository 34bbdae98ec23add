import ConnectionPool
import Workload

/// The top three rows: who and what we are looking at, the knobs in force, and the view tabs.
enum HeaderView {
    static func draw(into frame: inout Frame, data: DashboardData?, context: ViewContext) {
        let glyphs = context.glyphs
        let width = frame.width
        var right = "\(rateLabel(context.state.refreshRate)) fps"
        if context.state.displayFrozen { right = "PAUSED " + right }
        let rightStart = width - right.count - 1
        var x = frame.put("pooltop", x: 0, y: 0, role: .header)
        if let data {
            x += frame.put(" " + data.target, x: x, y: 0, role: .text, limit: max(0, rightStart - x - 1))
            if let version = data.serverVersion ?? data.server.serverVersion {
                x += frame.put(glyphs.separator + version, x: x, y: 0, role: .muted, limit: max(0, rightStart - x - 1))
            }
            x += frame.put(glyphs.separator + "up " + Format.clock(data.uptime), x: x, y: 0, role: .muted, limit: max(0, rightStart - x - 1))
        }
        if context.state.displayFrozen {
            frame.put("PAUSED", x: rightStart, y: 0, role: .warning)
            frame.put(" " + right.dropFirst(7), x: rightStart + 6, y: 0, role: .accent)
        } else {
            frame.put(right, x: rightStart, y: 0, role: .accent)
        }
        if let data { drawKnobs(into: &frame, data: data, context: context) }
        drawTabs(into: &frame, data: data, context: context)
    }

    static func rateLabel(_ rate: Double) -> String { rate < 1 ? String(format1: rate) : "\(Int(rate))" }

    private static func drawKnobs(into frame: inout Frame, data: DashboardData, context: ViewContext) {
        let config = data.pool.configuration
        let load = data.load.settings
        let overflow = config.maxOverflow < 0 ? "unlimited" : "\(config.maxOverflow)"
        var knobs: [(String, String)] = [
            ("preset", config.presetName), ("pool_size", "\(config.poolSize)"), ("max_overflow", overflow),
            ("timeout", Format.duration(config.checkoutTimeout)),
        ]
        if !context.compact {
            knobs += [
                ("recycle", config.maxLifetime.map(Format.duration) ?? "off"),
                ("idle_timeout", config.idleTimeout.map(Format.duration) ?? "off"),
                ("min_idle", "\(config.minimumIdle)"), ("pre_ping", config.prePing ? "on" : "off"),
                ("order", config.idleOrder.rawValue), ("reset", config.resetOnReturn.rawValue),
            ]
        }
        var x = 0
        for (name, value) in knobs {
            x += frame.put(name + " ", x: x, y: 1, role: .muted)
            x += frame.put(value + "  ", x: x, y: 1, role: .text)
        }
        let state = load.paused ? "PAUSED" : "RUNNING"
        x += frame.put("load ", x: x, y: 1, role: .muted)
        x += frame.put(state, x: x, y: 1, role: load.paused ? .warning : .accent)
        var detail = " \(load.workers) workers"
        if let rate = load.arrivalRate { detail += " \(Format.count(rate))/s" } else { detail += " think " + Format.duration(load.thinkTime) }
        frame.put(detail, x: x, y: 1, role: .text)
    }

    private static func drawTabs(into frame: inout Frame, data: DashboardData?, context: ViewContext) {
        var x = 0
        for view in ViewKind.allCases {
            let title = context.compact ? String(view.title.prefix(4)) : view.title
            let label = " \(view.rawValue + 1) \(title) "
            x += frame.put(label, x: x, y: 2, role: view == context.state.view ? .selection : .muted)
        }
        guard let data, context.state.view.isTable else { return }
        let table = context.state.table(context.state.view)
        let columns = TableCatalog.columns(for: context.state.view)
        let total = TableCatalog.rows(for: context.state.view, data: data, glyphs: context.glyphs).count
        let shown = TableCatalog.visibleRows(for: context.state.view, data: data, table: table, glyphs: context.glyphs).count
        var info = "\(shown)/\(total)"
        if columns.indices.contains(table.sortColumn) {
            let arrow = table.descending ? context.glyphs.sortDescending : context.glyphs.sortAscending
            info += "  sort " + columns[table.sortColumn].title + arrow
        }
        let filtering = context.state.mode == .filtering
        if !table.filter.isEmpty || filtering { info += "  filter /" + table.filter + (filtering ? "_" : "") }
        frame.putRight(info + " ", right: frame.width, y: 2, role: table.filter.isEmpty && !filtering ? .muted : .accent)
    }
}
