import Workload

/// The pgbouncer view (`--pgbouncer`): pooltop's own slots over the pgbouncer pool that serves them, every pool
/// of pgbouncer (SHOW POOLS), their totals over time, and which client holds which server connection.
enum PgBouncerView {
    static func draw(into frame: inout Frame, data: DashboardData, context: ViewContext) {
        var y = context.bodyTop
        let bottom = context.bodyBottom
        guard let pgbouncer = data.pgbouncer else {
            frame.put("no pgbouncer watched: start pooltop with --pgbouncer URL (its admin console, database pgbouncer)",
                      x: 0, y: y, role: .muted)
            return
        }
        var summary = pgbouncer.version ?? "pgbouncer"
        let serving = pgbouncer.servingPools
        if pgbouncer.unavailable == nil {
            let waiting = serving.map(\.clientsWaiting).reduce(0, +)
            summary += "  pools \(serving.count)  clients \(serving.map(\.clientsActive).reduce(0, +) + waiting) (\(waiting) waiting)"
            summary += "  servers \(serving.map(\.servers).reduce(0, +))"
        }
        frame.put(summary, x: 0, y: y, role: .muted)
        y += 1
        y = PoolCellsView.draw(into: &frame, pool: data.pool, y: y, maxRows: 2, glyphs: context.glyphs)
        y = PgBouncerLayers.draw(into: &frame, data: data, y: y, glyphs: context.glyphs)
        guard pgbouncer.unavailable == nil else { return }
        y += 1
        let glyphs = context.glyphs
        let poolRows = PgBouncerPoolsTable.rows(in: data, glyphs: glyphs)
        let remaining = bottom - y + 1
        y = FixedTable.draw(PgBouncerPoolsTable.headings, rows: poolRows, into: &frame, y: y, height: min(poolRows.count + 1, max(2, remaining / 3)),
                            empty: "no pools", glyphs: glyphs)
        let chartRows = context.compact ? 3 : max(3, min(8, (bottom - y) / 3))
        if bottom - y >= chartRows + 5 {
            y = PgBouncerCharts.draw(into: &frame, samples: pgbouncer.samples, y: y + 1, chartRows: chartRows, glyphs: glyphs)
        }
        let linkRows = PgBouncerLinksTable.rows(in: data, glyphs: glyphs)
        _ = FixedTable.draw(PgBouncerLinksTable.headings, rows: linkRows, into: &frame, y: y, height: bottom - y + 1,
                            empty: "no server connections", glyphs: glyphs)
    }
}
