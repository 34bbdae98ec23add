import Workload

/// Turns a key into a new `WatchViewState` and what the app must do (quit, next theme). Pure: no I/O.
enum WatchInput {
    static func handle(_ key: Key, state: inout WatchViewState, size: Size) -> [Effect] {
        if key == .control("c") { return [.quit] }
        if state.filtering {
            filter(key, state: &state, size: size)
            return []
        }
        guard let action = WatchKeys.action(for: key) else { return [] }
        if state.showHelp, HelpInput.handle(action, shown: &state.showHelp, top: &state.helpTop, size: size) { return [] }
        switch action {
        case .quit: return [.quit]
        case .help:
            state.showHelp = true
            state.helpTop = 0
        case .nextTheme: return [.nextTheme]
        case .openRow:
            guard case .pools(let snapshot) = state.phase else { return [] }
            let visible = ClientPoolsTable.visible(in: snapshot, table: state.pools, glyphs: state.glyphs)
            guard visible.indices.contains(state.pools.selected) else { return [] }
            state.phase.open(visible[state.pools.selected].pool.key)
            state.connections.selected = 0
            state.connections.top = 0
        case .back:
            if !state.table.filter.isEmpty { state.table.filter = "" } else { state.phase.back() }
        case .filter:
            state.filtering = true
        case .sort:
            // The next column shown at this width.
            let columns = headings(state, width: size.width)
            let current = state.table.sortColumn
            let next = (1...max(1, columns.count)).map { (current + $0) % max(1, columns.count) }
                .first { columns.indices.contains($0) && columns[$0].width > 0 } ?? 0
            state.table.sortColumn = next
            state.table.descending = columns.indices.contains(next) && columns[next].descendingFirst
        case .reverseSort:
            state.table.descending.toggle()
        case .freezeDisplay:
            state.displayFrozen.toggle()
        case .nextChartStyle:
            guard !state.glyphs.ascii else { return [] }
            let styles = ChartStyle.allCases
            state.glyphs.chartStyle = styles[((styles.firstIndex(of: state.glyphs.chartStyle) ?? 0) + 1) % styles.count]
            state.status = "charts: \(state.glyphs.chartStyle.rawValue)"
        case .moveUp, .moveDown, .pageUp, .pageDown, .home, .end:
            move(action, state: &state, count: rowCount(state), size: size)
        default:
            break
        }
        return []
    }

    static func headings(_ state: WatchViewState, width: Int) -> [ColumnHeading] {
        state.opened == nil ? ClientPoolsTable.headings(width: width) : PoolConnectionsTable.headings
    }

    /// The rows the table shows now (its filter applied).
    private static func rowCount(_ state: WatchViewState) -> Int {
        switch state.phase {
        case .loading, .unreachable: 0
        case .pools(let snapshot): ClientPoolsTable.visible(in: snapshot, table: state.pools, glyphs: state.glyphs).count
        case .pool(let key, let snapshot): snapshot.pool(key).map { PoolConnectionsTable.visibleRows(of: $0, table: state.connections).count } ?? 0
        }
    }

    /// A key while `/` takes the filter's text: Enter keeps it, Esc clears it, arrows still move.
    private static func filter(_ key: Key, state: inout WatchViewState, size: Size) {
        switch key {
        case .escape:
            state.table.filter = ""
            state.filtering = false
        case .enter:
            state.filtering = false
        case .backspace, .delete:
            if !state.table.filter.isEmpty { state.table.filter.removeLast() }
        case .character(let character):
            state.table.filter.append(character)
            state.table.selected = 0
            state.table.top = 0
        case .up, .down, .pageUp, .pageDown, .home, .end:
            if let action = WatchKeys.action(for: key) { move(action, state: &state, count: rowCount(state), size: size) }
        default:
            break
        }
    }

    private static func move(_ action: Action, state: inout WatchViewState, count: Int, size: Size) {
        let page = max(1, WatchLayout(size: size, opened: state.opened != nil).tableBodyHeight)
        state.table.move(action, count: count, page: page)
    }
}
