import Foundation

/// Turns a key into a new `ViewState` and the effects the app must carry out. Pure: no I/O.
public enum InputHandler {
    public static func handle(_ key: Key, state: inout ViewState, data: DashboardData?, size: Size) -> [Effect] {
        if let effects = handleConsoleFirst(key, state: &state, size: size) { return effects }
        if state.knobs != nil, state.mode == .normal { return handleKnobsKey(key, state: &state, data: data) }
        switch state.mode {
        case .confirm(let confirmation):
            state.mode = .normal
            if key == .character("y") || key == .character("Y") {
                state.status = nil
                return [.perform(confirmation.command)]
            }
            state.status = "cancelled"
            return []
        case .filtering:
            return handleFilterKey(key, state: &state, data: data, size: size)
        case .prompt, .consoleQuestion:
            return []  // the console's own (ConsoleInput)
        case .normal:
            break
        }
        guard let action = KeyMap.action(for: key, replaying: state.replaying) else { return [] }
        if state.showHelp, HelpInput.handle(action, shown: &state.showHelp, top: &state.helpTop, size: size) { return [] }
        return perform(action, state: &state, data: data, size: size)
    }

    static func perform(_ action: Action, state: inout ViewState, data: DashboardData?, size: Size) -> [Effect] {
        switch action {
        case .quit: return [.quit]
        case .help:
            state.showHelp = true
            state.helpTop = 0
        case .back:
            if state.view.isTable, !state.table(state.view).filter.isEmpty {
                state.updateTable(state.view) { $0.filter = "" }
            }
        case .nextView: show(state.view.next(1), state: &state)
        case .previousView: show(state.view.next(-1), state: &state)
        case .showView(let view): show(view, state: &state)
        case .toggleLoad:
            guard let data else { return [] }
            return [.perform(.setLoadPaused(!data.load.settings.paused))]
        case .poolSizeUp: return [.perform(.changePoolSize(by: 1))]
        case .poolSizeDown: return [.perform(.changePoolSize(by: -1))]
        case .overflowUp: return [.perform(.changeMaxOverflow(by: 1))]
        case .overflowDown: return [.perform(.changeMaxOverflow(by: -1))]
        case .workersUp: return [.perform(.changeWorkers(by: 1))]
        case .workersDown: return [.perform(.changeWorkers(by: -1))]
        case .thinkTimeUp: return [.perform(.changeThinkTime(by: .milliseconds(10)))]
        case .thinkTimeDown: return [.perform(.changeThinkTime(by: .milliseconds(-10)))]
        case .checkoutTimeoutUp: return [.perform(.changeCheckoutTimeout(by: .seconds(1)))]
        case .checkoutTimeoutDown: return [.perform(.changeCheckoutTimeout(by: .seconds(-1)))]
        case .nextPreset: return [.perform(.nextPreset)]
        case .nextTheme: return [.nextTheme]
        case .nextChartStyle:
            guard !state.glyphs.ascii else { return [] }
            let styles = ChartStyle.allCases
            let next = styles[(styles.firstIndex(of: state.glyphs.chartStyle)! + 1) % styles.count]
            state.glyphs.chartStyle = next
            state.status = "charts: \(next.rawValue)"
        case .moveUp, .moveDown, .pageUp, .pageDown, .home, .end:
            move(action, state: &state, data: data, size: size)
        case .filter:
            guard state.view.isTable else { return [] }
            state.mode = .filtering
        case .sort:
            guard state.view.isTable else { return [] }
            let columns = TableCatalog.headings(for: state.view)
            state.updateTable(state.view) { table in
                table.sortColumn = (table.sortColumn + 1) % max(1, columns.count)
                table.descending = columns.isEmpty ? false : columns[table.sortColumn].descendingFirst
            }
        case .reverseSort:
            guard state.view.isTable else { return [] }
            state.updateTable(state.view) { $0.descending.toggle() }
        case .slower, .faster:
            let rates = ViewState.refreshRates
            let current = rates.firstIndex { $0 >= state.refreshRate } ?? rates.count - 1
            let next = action == .slower ? max(0, current - 1) : min(rates.count - 1, current + 1)
            state.refreshRate = rates[next]
        case .freezeDisplay:
            state.displayFrozen.toggle()
        case .openConsole:
            state.view = .console
            state.mode = .prompt
        case .terminateBackend:
            askToTerminate(state: &state, data: data)
        case .openKnobs:
            openKnobs(state: &state)
        case .openRow:
            break  // the watch screen's (WatchInput)
        case .replay(let control):
            return [.replay(control)]
        }
        return []
    }

    /// Switches view; the SQL console takes typing at once, so keys typed there are SQL, not commands.
    private static func show(_ view: ViewKind, state: inout ViewState) {
        state.view = view
        if view == .console { state.mode = .prompt }
    }

    private static func askToTerminate(state: inout ViewState, data: DashboardData?) {
        guard state.view == .connections || state.view == .server, let data else { return }
        let rows = TableCatalog.visibleRows(for: state.view, data: data, table: state.table(state.view), glyphs: state.glyphs)
        let selected = state.table(state.view).selected
        guard rows.indices.contains(selected), let pid = rows[selected].pid else {
            state.status = "no backend pid on this row"
            return
        }
        state.mode = .confirm(Confirmation(question: "terminate backend \(pid)? y/n", command: .terminateBackend(pid: pid)))
    }

    private static func move(_ action: Action, state: inout ViewState, data: DashboardData?, size: Size) {
        if state.view == .console {
            scrollConsole(action, state: &state, size: size)
            return
        }
        guard state.view.isTable, let data else { return }
        let count = TableCatalog.visibleRows(for: state.view, data: data, table: state.table(state.view), glyphs: state.glyphs).count
        let page = max(1, ScreenLayout.tableBodyHeight(frameHeight: size.height))
        state.updateTable(state.view) { $0.move(action, count: count, page: page) }
    }

    private static func handleFilterKey(_ key: Key, state: inout ViewState, data: DashboardData?, size: Size) -> [Effect] {
        switch key {
        case .escape:
            state.updateTable(state.view) { $0.filter = "" }
            state.mode = .normal
        case .enter:
            state.mode = .normal
        case .backspace, .delete:
            state.updateTable(state.view) { if !$0.filter.isEmpty { $0.filter.removeLast() } }
        case .character(let c):
            state.updateTable(state.view) {
                $0.filter.append(c)
                $0.selected = 0
                $0.top = 0
            }
        case .up, .down, .pageUp, .pageDown, .home, .end:
            if let action = KeyMap.action(for: key) { move(action, state: &state, data: data, size: size) }
        default:
            break
        }
        return []
    }
}
