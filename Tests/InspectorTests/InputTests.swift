import ConnectionPool
import Testing
import Workload
@testable import Inspector

@Suite struct InputTests {
    private func press(_ keys: [Key], _ state: inout ViewState, data: DashboardData? = Fixtures.data) -> [Effect] {
        keys.flatMap { InputHandler.handle($0, state: &state, data: data, size: Fixtures.compact) }
    }

    @Test func keyTableMapsTheDocumentedKeys() {
        let expected: [(Key, Action)] = [
            (.character("q"), .quit), (.function(10), .quit), (.character("?"), .help), (.function(1), .help),
            (.tab, .nextView), (.backTab, .previousView), (.character(" "), .toggleLoad),
            (.character("+"), .poolSizeUp), (.character("-"), .poolSizeDown), (.character(">"), .overflowUp),
            (.character("<"), .overflowDown), (.character("t"), .nextTheme), (.up, .moveUp), (.down, .moveDown),
            (.pageUp, .pageUp), (.pageDown, .pageDown), (.home, .home), (.end, .end), (.character("/"), .filter),
            (.character("s"), .sort), (.character("r"), .slower), (.character("R"), .faster),
            (.character("p"), .freezeDisplay), (.escape, .back), (.character("w"), .workersDown),
            (.character("W"), .workersUp), (.character("]"), .workersUp), (.character("["), .workersDown),
            (.character(":"), .openConsole), (.character("e"), .openConsole), (.character("K"), .terminateBackend),
            (.character("1"), .showView(.dashboard)), (.character("5"), .showView(.console)),
        ]
        for (key, action) in expected { #expect(KeyMap.action(for: key) == action, "\(key)") }
    }

    @Test func noKeyIsBoundTwice() {
        let keys = KeyMap.bindings.flatMap(\.keys)
        #expect(Set(keys).count == keys.count)
    }

    @Test func poolAndLoadKeysBecomeCommands() {
        var state = ViewState()
        #expect(press([.character("+")], &state) == [.perform(.changePoolSize(by: 1))])
        #expect(press([.character("-")], &state) == [.perform(.changePoolSize(by: -1))])
        #expect(press([.character(">")], &state) == [.perform(.changeMaxOverflow(by: 1))])
        #expect(press([.character("W")], &state) == [.perform(.changeWorkers(by: 1))])
        #expect(press([.character(" ")], &state) == [.perform(.setLoadPaused(true))])
        var paused = Fixtures.data
        paused.load.settings.paused = true
        #expect(press([.character(" ")], &state, data: paused) == [.perform(.setLoadPaused(false))])
        #expect(press([.character("q")], &state) == [.quit])
        #expect(press([.character("t")], &state) == [.nextTheme])
    }

    @Test func tabCyclesViewsBothWays() {
        var state = ViewState()
        _ = press([.tab, .tab], &state)
        #expect(state.view == .workers)
        _ = press([.backTab, .backTab, .backTab], &state)
        #expect(state.view == ViewKind.allCases.last, "back from the first view to the last")
        _ = press(Array(repeating: .backTab, count: ViewKind.allCases.count - 1 - ViewKind.console.rawValue), &state)
        #expect(state.view == .console && state.mode == .prompt)
        _ = press([.character("2")], &state)
        #expect(state.view == .console && state.console.editor.text == "2", "the console takes typing at once")
        _ = press([.tab], &state)
        #expect(state.view == ViewKind.console.next(1) && state.mode == .normal, "Tab leaves the console prompt")
        _ = press([.character("2")], &state)
        #expect(state.view == .connections)
    }

    @Test func escapeClosesHelpWithoutQuitting() {
        var state = ViewState()
        _ = press([.character("?")], &state)
        #expect(state.showHelp)
        #expect(press([.escape], &state).isEmpty)
        #expect(!state.showHelp)
    }

    @Test func refreshRateStepsAndStaysInRange() {
        var state = ViewState()
        _ = press([.character("r")], &state)
        #expect(state.refreshRate == 5)
        _ = press(Array(repeating: .character("R"), count: 10), &state)
        #expect(state.refreshRate == ViewState.refreshRates.last)
        _ = press(Array(repeating: .character("r"), count: 10), &state)
        #expect(state.refreshRate == ViewState.refreshRates.first)
    }

    @Test func freezeTogglesAndKeysStillWork() {
        var state = ViewState()
        _ = press([.character("p"), .tab], &state)
        #expect(state.displayFrozen && state.view == .connections)
        _ = press([.character("p")], &state)
        #expect(!state.displayFrozen)
    }

    @Test func filterTypingEnterKeepsEscapeClears() {
        var state = ViewState()
        state.view = .connections
        _ = press([.character("/"), .character("W"), .character("3"), .enter], &state)
        #expect(state.mode == .normal)
        #expect(state.table(.connections).filter == "W3")
        #expect(TableCatalog.visibleRows(for: .connections, data: Fixtures.data, table: state.table(.connections), glyphs: state.glyphs).map(\.cells[0]) == ["3"])
        _ = press([.escape], &state)
        #expect(state.table(.connections).filter.isEmpty)
        _ = press([.character("/"), .character("x"), .escape], &state)
        #expect(state.table(.connections).filter.isEmpty && state.mode == .normal)
    }

    @Test func terminatingABackendAsksFirst() {
        var state = ViewState()
        state.view = .connections
        _ = press([.down, .down], &state)
        #expect(press([.character("K")], &state).isEmpty)
        #expect(state.mode == .confirm(Confirmation(question: "terminate backend 4103? y/n", command: .terminateBackend(pid: 4103))))
        let frame = FrameBuilder.build(data: Fixtures.data, state: state, size: Fixtures.compact)
        #expect(frame.lines[23].hasPrefix("terminate backend 4103? y/n"))
        #expect(press([.character("n")], &state).isEmpty)
        #expect(state.mode == .normal)
        _ = press([.character("K")], &state)
        #expect(press([.character("y")], &state) == [.perform(.terminateBackend(pid: 4103))])
    }

    @Test func movementClampsAndScrolls() {
        var state = ViewState()
        state.view = .connections
        _ = press([.end], &state)
        #expect(state.table(.connections).selected == Fixtures.slots.count - 1)
        _ = press([.down, .pageDown], &state)
        #expect(state.table(.connections).selected == Fixtures.slots.count - 1)
        _ = press([.home, .up], &state)
        #expect(state.table(.connections).selected == 0)
        // 15 rows of body at 80x24 would show all 9, so a short terminal must scroll.
        var many = Fixtures.data
        many.pool.slots = (1...30).map { Slot(id: $0, state: .idle, kind: .core) }
        var rows = ViewState()
        rows.view = .connections
        let short = Size(width: 80, height: 15)
        for _ in 0..<12 { _ = InputHandler.handle(.down, state: &rows, data: many, size: short) }
        #expect(rows.table(.connections).top == 3)
        let frame = FrameBuilder.build(data: many, state: rows, size: short)
        #expect(frame.lines[4].hasPrefix("   4"))
        #expect(frame.lines[13].hasPrefix("  13") && frame[0, 13].role == .selection)
        _ = InputHandler.handle(.pageDown, state: &rows, data: many, size: short)
        #expect(rows.table(.connections).selected == 22)
    }

    @Test func sortCyclesColumnsAndShowsIt() {
        var state = ViewState()
        state.view = .connections
        _ = press(Array(repeating: .character("s"), count: 5), &state)
        #expect(state.table(.connections).sortColumn == 5)
        #expect(state.table(.connections).descending)
        let uses = TableCatalog.visibleRows(for: .connections, data: Fixtures.data, table: state.table(.connections), glyphs: state.glyphs).map(\.cells[5])
        #expect(uses == ["120", "98", "77", "31", "30", "9", "5", "3", "0"])
        _ = press([.character("S")], &state)
        let ascending = TableCatalog.visibleRows(for: .connections, data: Fixtures.data, table: state.table(.connections), glyphs: state.glyphs).map(\.cells[5])
        #expect(ascending == uses.reversed())
        let frame = FrameBuilder.build(data: Fixtures.data, state: state, size: Fixtures.full)
        #expect(frame.lines[2].contains("sort USES▲"))
    }

    @Test func workersSortByQueriesPutsTheStarvedFirst() {
        var table = TableState()
        table.sortColumn = 3
        let rows = TableCatalog.visibleRows(for: .workers, data: Fixtures.data, table: table, glyphs: Glyphs(ascii: false))
        #expect(rows.map(\.cells[1]) == ["w2", "w3", "w1"])
    }

    @Test func filterIsCaseInsensitiveOverEveryColumn() {
        var table = TableState()
        table.filter = "IDLE IN"
        #expect(TableCatalog.visibleRows(for: .server, data: Fixtures.data, table: table, glyphs: Glyphs(ascii: false)).map(\.pid) == [5000])
        table.filter = "pg_SLEEP"
        #expect(TableCatalog.visibleRows(for: .connections, data: Fixtures.data, table: table, glyphs: Glyphs(ascii: false)).map(\.pid) == [4101])
    }
}
