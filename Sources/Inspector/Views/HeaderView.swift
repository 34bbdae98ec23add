import ConnectionPool
import Workload

/// The top three rows: who and what we are looking at, the knobs in force, and the view tabs.
enum HeaderView {
    static func draw(into frame: inout Frame, data: DashboardData?, context: ViewContext) {
        let glyphs = context.glyphs
        var right = "\(rateLabel(context.state.refreshRate)) fps "
        if let replay = data?.replay {
            right = replay.label + glyphs.separator + right
        } else if let data {
            right = "up " + Format.clock(data.uptime) + glyphs.separator + right
        }
        // `p` freezes the display; Space pauses the load (row 1 says so): two different words for two states.
        let frozen = context.state.displayFrozen ? "display FROZEN " : ""
        let rightStart = frame.width - right.count - frozen.count
        let x = frame.put("pooltop", x: 0, y: 0, role: .header)
        if let data, drawUnreachable(into: &frame, data: data, x: x, rightStart: rightStart, glyphs: glyphs) {
            // The outage replaces the version on row 0.
        } else if let data {
            drawTarget(into: &frame, target: data.target, version: data.serverVersion ?? data.server.serverVersion, x: x,
                       rightStart: rightStart, glyphs: glyphs)
        }
        frame.put(frozen, x: rightStart, y: 0, role: .warning)
        frame.putRight(right, right: frame.width, y: 0, role: .accent)
        if let data { drawKnobs(into: &frame, data: data, context: context) }
        drawTabs(into: &frame, data: data, context: context)
    }

    /// Row 0's target from `x`, then the whole version string when it fits before `rightStart`, else only its number.
    static func drawTarget(into frame: inout Frame, target: String, version raw: String?, x start: Int, rightStart: Int, glyphs: Glyphs) {
        var x = start
        x += frame.put(" " + target, x: x, y: 0, role: .text, limit: max(0, rightStart - x - 1))
        if let raw {
            let full = raw.hasPrefix("PostgreSQL") ? raw : "PostgreSQL " + raw
            let short = shortVersion(raw)
            if let version = [full, short].first(where: { x + glyphs.separator.count + $0.count < rightStart }) {
                frame.put(glyphs.separator + version, x: x, y: 0, role: .muted)
            }
        }
    }

    /// "15.18 (Debian 15.18-0+deb12u1)" → "PostgreSQL 15.18"; "PostgreSQL 16.4 on x86_64…" → "PostgreSQL 16.4".
    static func shortVersion(_ version: String) -> String {
        let number = version.split(separator: " ").first { $0.first?.isNumber == true }
        return number.map { "PostgreSQL " + $0 } ?? String(version.prefix(16))
    }

    static func rateLabel(_ rate: Double) -> String { rate < 1 ? String(format1: rate) : "\(Int(rate))" }

    private static func drawKnobs(into frame: inout Frame, data: DashboardData, context: ViewContext) {
        let config = data.pool.configuration
        let load = data.load.settings
        let shown: [PoolKnob] = context.compact
            ? [.poolSize, .maxOverflow]
            : [.poolSize, .maxOverflow, .timeout, .maxLifetime, .idleTimeout, .minIdle, .prePing, .idleOrder, .reset]
        // The knobs changed last come first, so a change made in the knobs panel shows here whatever the width.
        var ordered: [PoolKnob] = []
        for knob in recentlyChanged(data) + shown where !ordered.contains(knob) { ordered.append(knob) }
        let knobs = [("preset", config.presetName)] + ordered.map { ($0.name, $0.value(in: config)) }
        var detail = "\(load.workers) workers"
        if let rate = load.arrivalRate { detail += " \(Format.count(rate))/s" } else if !context.compact { detail += " think " + Format.duration(load.thinkTime) }
        if load.mode == .noPool { detail += " no-pool" }
        if frame.width >= 150, load.mix != .selectOne { detail += " mix " + Format.fit(load.mix.mixString, 24, ellipsis: context.glyphs.ellipsis) }
        let loadText = "load " + (load.paused ? "PAUSED" : "RUNNING") + " " + detail
        let loadStart = frame.width - loadText.count - 1
        var x = 0
        for (name, value) in knobs {
            guard x + name.count + 1 + value.count < loadStart - 1 else { break }
            x += frame.put(name + " ", x: x, y: 1, role: .muted)
            x += frame.put(value + "  ", x: x, y: 1, role: .text)
        }
        x = loadStart + frame.put("load ", x: loadStart, y: 1, role: .muted)
        x += frame.put(load.paused ? "PAUSED" : "RUNNING", x: x, y: 1, role: load.paused ? .warning : .accent)
        frame.put(" " + detail, x: x, y: 1, role: .text)
    }

    /// Pool knobs named by the newest configuration events, newest first.
    static func recentlyChanged(_ data: DashboardData) -> [PoolKnob] {
        var knobs: [PoolKnob] = []
        for event in data.events.reversed() {
            guard case .configurationChanged(let description) = event.kind,
                let knob = PoolKnob(rawValue: String(description.prefix { $0 != " " })), !knobs.contains(knob)
            else { continue }
            knobs.append(knob)
        }
        return knobs
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
        let columns = TableCatalog.headings(for: context.state.view)
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
