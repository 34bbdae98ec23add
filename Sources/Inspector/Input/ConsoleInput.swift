/// The console's keys: line editing, history and Ctrl-R, submitting, cancelling with Esc or Ctrl-C, the
/// backslash commands, and the question asked before a session holding a transaction is ended.
extension InputHandler {
    /// Keys the console takes before the normal keymap: everything in the prompt and in its question, Ctrl-C
    /// anywhere (it cancels a running statement instead of quitting), and quit while the console holds something.
    /// Nil: not a console matter.
    static func handleConsoleFirst(_ key: Key, state: inout ViewState, size: Size) -> [Effect]? {
        switch state.mode {
        case .consoleQuestion(let question):
            if case .leave = question { state.mode = .prompt } else { state.mode = .normal }
            guard key == .character("y") || key == .character("Y") else {
                state.status = "not ended"
                return []
            }
            state.status = nil
            switch question {
            case .quit: return [.console(.endSession(thenQuit: true))]
            case .leave:
                state.mode = .normal
                state.view = .dashboard
                return [.console(.endSession(thenQuit: false))]
            }
        case .prompt:
            return handleConsoleKey(key, state: &state, size: size)
        case .confirm:
            return nil
        case .filtering:
            return key == .control("c") ? interrupt(state: &state) : nil
        case .normal:
            if key == .control("c") { return interrupt(state: &state) }
            // While a knob's value is typed, `q` is a letter of it.
            if !state.showHelp, state.knobs?.editing == nil, KeyMap.action(for: key) == .quit { return quitAsking(state: &state) }
            return nil
        }
    }

    /// Ctrl-C: cancels the running statement; otherwise quits (asking first while a transaction is open).
    private static func interrupt(state: inout ViewState) -> [Effect] {
        if state.console.phase.isBusy { return cancelConsole(state: &state) }
        return quitAsking(state: &state)
    }

    private static func quitAsking(state: inout ViewState) -> [Effect] {
        let console = state.console
        guard console.phase.isBusy || console.transaction.isOpen else { return [.quit] }
        state.mode = .consoleQuestion(.quit(console.transaction, running: console.phase.isBusy))
        return []
    }

    private static func cancelConsole(state: inout ViewState) -> [Effect] {
        switch state.console.phase {
        case .idle: return []
        case .running(let statement, _):
            state.console.phase = .running(statement: statement, cancelling: true)
            state.console.pending = []
            state.status = "cancel sent"
        case .watching:
            state.console.phase = .idle
            state.status = "\\watch stopped"
        }
        return [.console(.cancel)]
    }

    private static func handleConsoleKey(_ key: Key, state: inout ViewState, size: Size) -> [Effect] {
        if state.console.search != nil { return handleSearchKey(key, state: &state, size: size) }
        switch key {
        case .control("c"):
            if state.console.phase.isBusy { return cancelConsole(state: &state) }
            if !state.console.editor.isEmpty {
                state.console.editor = LineEditor()
                return []
            }
            return quitAsking(state: &state)
        case .escape:
            if state.console.phase.isBusy { return cancelConsole(state: &state) }
            state.mode = .normal
        case .enter:
            return submit(state: &state, size: size)
        case .up, .down:
            recall(key == .up, state: &state)
        case .control("r"):
            state.console.search = state.console.history.search(current: state.console.editor.text)
        case .tab, .backTab:
            state.mode = .normal
            let next = state.view.next(key == .tab ? 1 : -1)
            state.view = next
        case .pageUp, .pageDown:
            if let action = KeyMap.action(for: key) { scrollConsole(action, state: &state, size: size) }
        default:
            if let editing = editingKey(for: key) { _ = state.console.editor.apply(editing) }
        }
        return []
    }

    /// The line editor's meaning of a key, if it has one.
    static func editingKey(for key: Key) -> EditingKey? {
        switch key {
        case .character(let c): .insert(String(c))
        case .left: .left
        case .right: .right
        case .home, .control("a"): .home
        case .end, .control("e"): .end
        case .control("k"): .killToLineEnd
        case .control("u"): .killToLineStart
        case .control("w"): .killWordBefore
        case .backspace, .control("h"): .backspace
        case .delete, .control("d"): .delete
        default: nil
        }
    }

    private static func recall(_ older: Bool, state: inout ViewState) {
        let result = state.console.editor.apply(older ? .up : .down)
        let recalled: String?
        switch result {
        case .beyondTop where older: recalled = state.console.history.older(current: state.console.editor.text)
        case .beyondBottom where !older: recalled = state.console.history.newer()
        default: recalled = nil
        }
        if let recalled { state.console.editor = LineEditor(text: recalled) }
    }

    private static func handleSearchKey(_ key: Key, state: inout ViewState, size: Size) -> [Effect] {
        guard var search = state.console.search else { return [] }
        switch key {
        case .character(let c): search.type(String(c))
        case .backspace, .control("h"): search.deleteBackward()
        case .control("r"): search.older()
        case .escape, .control("g"), .control("c"):
            state.console.editor = LineEditor(text: search.cancel())
            state.console.search = nil
            return []
        default:
            state.console.editor = LineEditor(text: search.accept())
            state.console.search = nil
            // Enter takes the match into the editor; any other key is also applied to it.
            return key == .enter ? [] : handleConsoleKey(key, state: &state, size: size)
        }
        state.console.search = search
        return []
    }

    private static func submit(state: inout ViewState, size: Size) -> [Effect] {
        if case .watching = state.console.phase {
            state.status = "\\watch runs: Esc stops it"
            return []
        }
        guard case .submitted(let submission) = state.console.editor.apply(.enter) else { return [] }
        state.console.history.add(submission.text)
        let save = Effect.console(.saveHistory(state.console.history.entries))
        if state.console.phase.isBusy {
            state.console.pending.append(submission)
            state.status = "queued: runs when the statement before it ends"
            return [save]
        }
        return [save] + start(submission, state: &state, size: size)
    }

    /// After an answer: starts the next input typed ahead, if nothing runs. The app calls it for each reply.
    public static func runPending(state: inout ViewState, size: Size) -> [Effect] {
        guard !state.console.phase.isBusy, !state.console.pending.isEmpty else { return [] }
        return start(state.console.pending.removeFirst(), state: &state, size: size)
    }

    /// Echoes an input under the prompt it ran at, then runs its backslash command and/or its SQL.
    private static func start(_ submission: Submission, state: inout ViewState, size: Size) -> [Effect] {
        let prompt = state.console.prompt(row: 0)
        state.console.show(.input(prompt: prompt, text: PasswordLiteral.masked(submission.text)), size: size)
        if let command = submission.metaCommand { return meta(command, sql: submission.sql, state: &state, size: size) }
        return run(submission.sql, state: &state)
    }

    private static func run(_ sql: String, state: inout ViewState) -> [Effect] {
        guard !sql.isEmpty else { return [] }
        state.console.lastStatement = sql
        state.console.phase = .running(statement: sql, cancelling: false)
        return [.console(.run(sql))]
    }

    private static func meta(_ text: String, sql: String, state: inout ViewState, size: Size) -> [Effect] {
        let command: MetaCommand
        switch MetaCommand.parse(text) {
        case .success(let parsed): command = parsed
        case .failure(let error):
            state.console.show(.note(error.description, role: .error), size: size)
            return []
        }
        switch command {
        case .watch(let seconds):
            guard let statement = sql.isEmpty ? state.console.lastStatement : sql else {
                state.console.show(.note("\\watch cannot be used with an empty query", role: .error), size: size)
                return []
            }
            state.console.lastStatement = statement
            state.console.phase = .watching(statement: statement, seconds: seconds)
            return [.console(.watch(statement, every: .milliseconds(Int((seconds * 1000).rounded()))))]
        case .expanded(let on):
            state.console.expanded = on ?? !state.console.expanded
            state.console.show(.note("Expanded display is \(state.console.expanded ? "on" : "off").", role: .muted), size: size)
        case .timing(let on):
            state.console.timing = on ?? !state.console.timing
            state.console.show(.note("Timing is \(state.console.timing ? "on" : "off").", role: .muted), size: size)
        case .help:
            state.console.show(.note(MetaCommand.helpLines.joined(separator: "\n"), role: .text), size: size)
        case .quit:
            if state.console.transaction.isOpen {
                state.mode = .consoleQuestion(.leave(state.console.transaction))
            } else {
                state.mode = .normal
                state.view = .dashboard
            }
            return []
        }
        return run(sql, state: &state)
    }

    static func scrollConsole(_ action: Action, state: inout ViewState, size: Size) {
        let page = state.console.transcriptHeight(frameHeight: size.height)
        let last = max(0, state.console.transcript.lines.count - page)
        var scroll = state.console.scroll
        switch action {
        case .moveUp: scroll -= 1
        case .moveDown: scroll += 1
        case .pageUp: scroll -= page
        case .pageDown: scroll += page
        case .home: scroll = 0
        case .end: scroll = last
        default: break
        }
        state.console.scroll = max(0, min(last, scroll))
    }
}
