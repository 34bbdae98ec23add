import Workload

/// Builds the watch screen from a snapshot and the view state: the header, the pools table (or the opened
/// pool's connections), the selected pool's chart and the footer. Pure: same inputs, same frame.
public enum WatchFrameBuilder {
    public static func build(snapshot: WatchSnapshot?, target: String, state: WatchViewState, size: Size) -> Frame {
        var frame = Frame(width: size.width, height: size.height, asciiOnly: state.glyphs.ascii)
        guard size.width >= FrameBuilder.minimumSize.width, size.height >= FrameBuilder.minimumSize.height else {
            FrameBuilder.drawTooSmall(into: &frame, glyphs: state.glyphs)
            return frame
        }
        WatchHeader.draw(into: &frame, snapshot: snapshot, target: target, state: state)
        let layout = WatchLayout(size: size, opened: state.opened != nil)
        if let snapshot {
            let shown = state.opened.map { drawConnections(of: $0, snapshot: snapshot, state: state, layout: layout, into: &frame) }
                ?? drawPools(snapshot: snapshot, state: state, layout: layout, into: &frame)
            if let shown, layout.chartRows > 0 {
                WatchChart.draw(into: &frame, pool: shown, history: snapshot.history[shown] ?? [], current: snapshot.pool(shown)?.counts,
                                y: layout.chartTop, chartRows: layout.chartRows, glyphs: state.glyphs)
            }
        } else {
            frame.put("collecting data" + state.glyphs.ellipsis, x: 1, y: WatchHeader.rows + 1, role: .muted)
        }
        drawFooter(into: &frame, state: state, news: snapshot.flatMap { recentEvent(in: $0, glyphs: state.glyphs) })
        return frame
    }

    /// The pools table; answers the selected pool, for the chart.
    private static func drawPools(snapshot: WatchSnapshot, state: WatchViewState, layout: WatchLayout, into frame: inout Frame) -> ClientPoolKey? {
        guard snapshot.unavailable == nil else { return nil }
        let visible = ClientPoolsTable.visible(in: snapshot, table: state.pools, glyphs: state.glyphs)
        TableView.drawRows(visible.map(\.row), columns: ClientPoolsTable.headings(width: frame.width), table: state.pools, into: &frame, top: layout.tableHeader,
                           bottom: layout.tableBottom, glyphs: state.glyphs)
        if snapshot.pools.isEmpty {
            frame.put("no client connections but this watch's own", x: 1, y: layout.tableHeader + 1, role: .muted)
        }
        if visible.isEmpty { return nil }
        return visible[max(0, min(visible.count - 1, state.pools.selected))].pool.key
    }

    /// The opened pool's title and connections; answers the pool, for the chart.
    private static func drawConnections(of key: ClientPoolKey, snapshot: WatchSnapshot, state: WatchViewState, layout: WatchLayout,
                                        into frame: inout Frame) -> ClientPoolKey? {
        let pool = snapshot.pool(key)
        let address = key.clientAddress.isEmpty ? "an unknown address" : key.clientAddress
        var title = "pool \(key.application.isEmpty ? "(none)" : key.application) from \(address) as \(key.user) on \(key.database): "
        title += pool.map { "\($0.counts.total) connection\($0.counts.total == 1 ? "" : "s")" } ?? "no connections now"
        frame.put(Format.fit(title, frame.width, ellipsis: state.glyphs.ellipsis), x: 0, y: layout.tableHeader - 1, role: .accent)
        guard snapshot.unavailable == nil else { return key }
        let rows = pool.map { PoolConnectionsTable.visibleRows(of: $0, table: state.connections) } ?? []
        TableView.drawRows(rows, columns: PoolConnectionsTable.headings, table: state.connections, into: &frame, top: layout.tableHeader,
                           bottom: layout.tableBottom, glyphs: state.glyphs)
        return key
    }

    /// How long the newest server event stays in the footer.
    static let eventShown = Duration.seconds(15)

    /// The newest server event's text while it is news.
    static func recentEvent(in snapshot: WatchSnapshot, glyphs: Glyphs) -> String? {
        guard let event = snapshot.events.last, snapshot.uptime - event.at <= eventShown else { return nil }
        return ServerEventText.describe(event, glyphs: glyphs)
    }

    /// The keys, the filter, and the status (or else the server's news) at the right.
    private static func drawFooter(into frame: inout Frame, state: WatchViewState, news: String?) {
        let y = frame.height - 1
        let status = state.status ?? news ?? ""
        let width = FooterView.statusWidth(status, frameWidth: frame.width)
        var x = 0
        if state.filtering {
            x += FooterView.hint("Enter", "keep", into: &frame, x: x, y: y)
            x += FooterView.hint("Esc", "clear", into: &frame, x: x, y: y)
        } else {
            x += FooterView.hints(WatchKeys.footer(opened: state.opened != nil), into: &frame, x: 0, y: y, reserving: width)
        }
        if state.filtering || !state.table.filter.isEmpty {
            x += frame.put("filter /" + state.table.filter + (state.filtering ? "_" : "") + "  ", x: x, y: y, role: .accent)
        }
        FooterView.drawStatus(status, width: width, into: &frame, after: x, y: y, glyphs: state.glyphs)
    }
}
