import Workload

/// Builds the watch screen from its state: the header, the pools table (or the opened pool's connections), the
/// selected pool's chart, the footer, and the help overlay over them. Pure: same state, same frame.
public enum WatchFrameBuilder {
    public static func build(target: String, state: WatchViewState, size: Size) -> Frame {
        var frame = Frame(width: size.width, height: size.height, asciiOnly: state.glyphs.ascii)
        guard size.width >= FrameBuilder.minimumSize.width, size.height >= FrameBuilder.minimumSize.height else {
            FrameBuilder.drawTooSmall(into: &frame, glyphs: state.glyphs)
            return frame
        }
        WatchHeader.draw(into: &frame, target: target, state: state)
        let layout = WatchLayout(size: size, opened: state.opened != nil)
        let charted: ClientPoolKey?
        switch state.phase {
        case .loading:
            frame.put("collecting data" + state.glyphs.ellipsis, x: 1, y: WatchHeader.rows + 1, role: .muted)
            charted = nil
        case .pools(let snapshot):
            charted = drawPools(snapshot: snapshot, state: state, layout: layout, into: &frame)
        case .pool(let key, let snapshot):
            drawTitle(of: key, snapshot: snapshot, state: state, layout: layout, into: &frame)
            let rows = snapshot.pool(key).map { PoolConnectionsTable.visibleRows(of: $0, table: state.connections) } ?? []
            TableView.drawRows(rows, columns: PoolConnectionsTable.headings, table: state.connections, into: &frame, top: layout.tableHeader,
                               bottom: layout.tableBottom, glyphs: state.glyphs)
            charted = key
        case .unreachable(let outage):
            // No rows: the header says why. The pool that was open keeps its title and chart.
            if let key = outage.opened { drawTitle(of: key, snapshot: outage.snapshot, state: state, layout: layout, into: &frame) }
            charted = outage.opened
        }
        if let charted, let snapshot = state.phase.snapshot, layout.chartRows > 0 {
            WatchChart.draw(into: &frame, pool: charted, history: snapshot.history[charted] ?? [], current: snapshot.pool(charted)?.counts,
                            y: layout.chartTop, chartRows: layout.chartRows, glyphs: state.glyphs)
        }
        drawFooter(into: &frame, state: state, news: state.phase.snapshot.flatMap { recentEvent(in: $0, glyphs: state.glyphs) })
        if state.showHelp { HelpOverlay.draw(HelpOverlay.lines(WatchKeys.bindings), into: &frame, top: state.helpTop, glyphs: state.glyphs) }
        return frame
    }

    /// The pools table; answers the selected pool, for the chart.
    private static func drawPools(snapshot: WatchSnapshot, state: WatchViewState, layout: WatchLayout, into frame: inout Frame) -> ClientPoolKey? {
        let visible = ClientPoolsTable.visible(in: snapshot, table: state.pools, glyphs: state.glyphs)
        TableView.drawRows(visible.map(\.row), columns: ClientPoolsTable.headings(width: frame.width), table: state.pools, into: &frame, top: layout.tableHeader,
                           bottom: layout.tableBottom, glyphs: state.glyphs)
        if snapshot.pools.isEmpty {
            frame.put("no client connections but this watch's own", x: 1, y: layout.tableHeader + 1, role: .muted)
        }
        if visible.isEmpty { return nil }
        return visible[max(0, min(visible.count - 1, state.pools.selected))].pool.key
    }

    /// The opened pool's title, above its connections.
    private static func drawTitle(of key: ClientPoolKey, snapshot: WatchSnapshot, state: WatchViewState, layout: WatchLayout,
                                  into frame: inout Frame) {
        let pool = snapshot.pool(key)
        let address = key.clientAddress.isEmpty ? "an unknown address" : key.clientAddress
        var title = "pool \(key.application.isEmpty ? "(none)" : key.application) from \(address) as \(key.user) on \(key.database): "
        title += pool.map { "\($0.counts.total) connection\($0.counts.total == 1 ? "" : "s")" } ?? "no connections now"
        frame.put(Format.fit(title, frame.width, ellipsis: state.glyphs.ellipsis), x: 0, y: layout.tableHeader - 1, role: .accent)
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
        if state.showHelp {
            x += FooterView.helpHints(into: &frame, x: x, y: y)
        } else if state.filtering {
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
