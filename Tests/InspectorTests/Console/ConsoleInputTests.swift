import LibPQ
import Testing
@testable import Inspector

/// The console's keys through `InputHandler`: what they do to the state and which effects they ask for.
@Suite struct ConsoleInputTests {
    private func press(_ keys: [Key], _ state: inout ViewState) -> [Effect] {
        keys.flatMap { InputHandler.handle($0, state: &state, data: Fixtures.data, size: Fixtures.compact) }
    }

    private func type(_ text: String) -> [Key] { text.map { Key.character($0) } }

    private func console() -> ViewState {
        var state = ViewState()
        _ = InputHandler.handle(.character("5"), state: &state, data: Fixtures.data, size: Fixtures.compact)
        return state
    }

    private func reply(_ statement: String, transaction: ConsoleTransaction = .idle) -> ConsoleReply {
        ConsoleReply(statement: statement, result: ConsoleResult(columns: [], rows: [], commandTag: "SELECT 0"), transaction: transaction)
    }

    @Test func enterRunsOnlyAStatementThatEndsInASemicolon() {
        var state = console()
        #expect(press(type("select 1") + [.enter], &state).isEmpty)
        #expect(state.console.editor.lines == ["select 1", ""], "Enter without ; starts a continuation line")
        #expect(state.console.prompt(row: 1) == "pooltop-# ")
        let effects = press(type(";") + [.enter], &state)
        #expect(effects == [.console(.saveHistory(["select 1\n;"])), .console(.run("select 1\n;"))])
        #expect(state.console.phase == .running(statement: "select 1\n;", cancelling: false))
        #expect(state.console.editor.isEmpty)
    }

    @Test func escAndCtrlCCancelARunningStatementAndNeverQuit() {
        for key in [Key.escape, .control("c")] {
            var state = console()
            _ = press(type("select pg_sleep(30);") + [.enter], &state)
            #expect(press([key], &state) == [.console(.cancel)], "\(key)")
            #expect(state.console.phase == .running(statement: "select pg_sleep(30);", cancelling: true))
            #expect(state.mode == .prompt, "the console keeps the keys")
            // Even from another view, Ctrl-C cancels rather than quits while the statement runs.
            state.mode = .normal
            state.view = .dashboard
            #expect(press([.control("c")], &state) == [.console(.cancel)])
            state.console.receive(reply("select pg_sleep(30);"), watching: false, size: Fixtures.compact)
            #expect(state.console.phase == .idle)
        }
    }

    @Test func ctrlCQuitsWhenNothingRunsAndClearsTypingFirst() {
        var state = console()
        #expect(press(type("sel") + [.control("c")], &state).isEmpty)
        #expect(state.console.editor.isEmpty, "Ctrl-C drops what was typed, as in psql")
        #expect(press([.control("c")], &state) == [.quit])
        var dashboard = ViewState()
        #expect(press([.control("c")], &dashboard) == [.quit])
    }

    @Test func quittingWithATransactionOpenAsksToRollBack() {
        var state = console()
        _ = press(type("begin;") + [.enter], &state)
        state.console.receive(reply("begin;", transaction: .inTransaction), watching: false, size: Fixtures.compact)
        #expect(state.console.prompt(row: 0) == "pooltop=*# ")
        _ = press([.escape], &state)
        #expect(press([.character("q")], &state).isEmpty)
        #expect(state.mode == .consoleQuestion(.quit(.inTransaction, running: false)))
        #expect(press([.character("n")], &state).isEmpty && state.mode == .normal, "n keeps pooltop running")
        _ = press([.control("c")], &state)
        #expect(press([.character("y")], &state) == [.console(.endSession(thenQuit: true))])
    }

    @Test func backslashQWithATransactionOpenAsksBeforeLeaving() {
        var state = console()
        state.console.receive(reply("begin;", transaction: .failed), watching: false, size: Fixtures.compact)
        #expect(state.console.prompt(row: 0) == "pooltop=!# ")
        _ = press(type("\\q") + [.enter], &state)
        #expect(state.mode == .consoleQuestion(.leave(.failed)))
        #expect(press([.character("y")], &state) == [.console(.endSession(thenQuit: false))])
        #expect(state.view == .dashboard && state.mode == .normal)
    }

    @Test func upAndDownRecallHistoryAndCtrlRSearchesIt() {
        var state = console()
        state.console = ConsoleState(history: ["select 1;", "select 22;", "update t set a = 1;"])
        _ = press(type("dra") + [.up], &state)
        #expect(state.console.editor.text == "update t set a = 1;")
        _ = press([.up, .down, .down], &state)
        #expect(state.console.editor.text == "dra", "Down past the newest gives the draft back")
        _ = press([.control("r")] + type("select"), &state)
        #expect(state.console.search?.match == "select 22;")
        _ = press([.control("r")], &state)
        #expect(state.console.search?.match == "select 1;")
        _ = press([.enter], &state)
        #expect(state.console.search == nil && state.console.editor.text == "select 1;")
        _ = press([.control("r")] + type("zzz") + [.escape], &state)
        #expect(state.console.editor.text == "select 1;", "Esc gives back the text from before the search")
    }

    @Test func editingKeysReachTheLineEditor() {
        var state = console()
        _ = press(type("select abc") + [.control("a")] + type("x") + [.control("e")] + type("y"), &state)
        #expect(state.console.editor.text == "xselect abcy")
        _ = press([.control("w")], &state)
        #expect(state.console.editor.text == "xselect ")
        _ = press([.left, .left, .control("k")], &state)
        #expect(state.console.editor.text == "xselec")
        _ = press([.home, .delete, .end, .backspace], &state)
        #expect(state.console.editor.text == "sele")
        _ = press([.left, .control("u")], &state)
        #expect(state.console.editor.text == "e")
    }

    @Test func backslashXTogglesExpandedAndWatchRepeatsTheLastStatement() {
        var state = console()
        _ = press(type("\\x") + [.enter], &state)
        #expect(state.console.expanded)
        #expect(state.console.transcript.lines.contains { $0.text == "Expanded display is on." })
        _ = press(type("\\watch 3") + [.enter], &state)
        #expect(state.console.transcript.lines.contains { $0.text.contains("\\watch cannot be used with an empty query") })
        _ = press(type("select now();") + [.enter], &state)
        state.console.receive(reply("select now();"), watching: false, size: Fixtures.compact)
        let effects = press(type("\\watch 3") + [.enter], &state)
        #expect(effects.last == .console(.watch("select now();", every: .seconds(3))))
        #expect(state.console.phase == .watching(statement: "select now();", seconds: 3))
        state.console.receive(reply("select now();"), watching: true, size: Fixtures.compact)
        #expect(state.console.phase == .watching(statement: "select now();", seconds: 3), "a result keeps the watch going")
        #expect(press([.escape], &state) == [.console(.cancel)])
        #expect(state.console.phase == .idle && state.mode == .prompt)
    }

    @Test func enterWhileAStatementRunsQueuesTheNextUntilTheAnswerComes() {
        var state = console()
        _ = press(type("select 1;") + [.enter], &state)
        #expect(press(type("select 2;") + [.enter], &state) == [.console(.saveHistory(["select 1;", "select 2;"]))], "nothing is sent yet")
        #expect(state.console.pending.map(\.sql) == ["select 2;"] && state.console.editor.isEmpty)
        #expect(InputHandler.runPending(state: &state, size: Fixtures.compact).isEmpty, "not while the first one runs")
        state.console.receive(reply("select 1;"), watching: false, size: Fixtures.compact)
        #expect(InputHandler.runPending(state: &state, size: Fixtures.compact) == [.console(.run("select 2;"))])
        #expect(state.console.pending.isEmpty && state.console.phase == .running(statement: "select 2;", cancelling: false))
        _ = press(type("select 3;") + [.enter, .escape], &state)
        #expect(state.console.pending.isEmpty, "a cancel drops what was queued behind the statement")
    }

    @Test func longAnswersScrollAndTheNewestShows() {
        var state = console()
        let rows: [[String?]] = (1...100).map { ["row \($0)"] }
        let result = ConsoleResult(columns: [ConsoleColumn(name: "v", typeOID: 25)], rows: rows, commandTag: "SELECT 100")
        state.console.receive(ConsoleReply(statement: "select", result: result), watching: false, size: Fixtures.compact)
        #expect(state.console.scroll == 0, "an answer taller than the view shows from its start")
        var frame = FrameBuilder.build(data: Fixtures.data, state: state, size: Fixtures.compact)
        #expect(frame.lines[4].trimmingCharacters(in: .whitespaces) == "v", "the column's name heads the view")
        _ = press([.pageDown], &state)
        let page = state.console.transcriptHeight(frameHeight: Fixtures.compact.height)
        #expect(state.console.scroll == page)
        frame = FrameBuilder.build(data: Fixtures.data, state: state, size: Fixtures.compact)
        #expect(frame.lines[4].trimmingCharacters(in: .whitespaces) == "row \(page - 1)")
        #expect(frame.lines[3].contains("lines \(page + 1)-\(2 * page) of \(state.console.transcript.lines.count)"))
    }

    @Test func aStatementWithAPasswordIsMaskedInTheTranscript() {
        var state = console()
        _ = press(type("ALTER ROLE app PASSWORD 'hunter2';") + [.enter], &state)
        let error = ServerMessage(sqlState: "42704", message: "role \"app\" does not exist", position: 12)
        state.console.receive(ConsoleReply(statement: "ALTER ROLE app PASSWORD 'hunter2';", ending: .failed(error)), watching: false, size: Fixtures.compact)
        let shown = state.console.transcript.lines.map(\.text)
        #expect(shown.first == "pooltop=# ALTER ROLE app PASSWORD '***';")
        #expect(!shown.contains { $0.contains("hunter2") }, "\(shown)")
        #expect(shown.contains { $0.contains("role \"app\" does not exist") })
    }
}
