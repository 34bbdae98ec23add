import Foundation

/// The live screen: collects data from an `InspectorSource` in a task, and draws it on a dedicated UI thread
/// (ncurses wants one thread, and waiting for keys must not block Swift's cooperative pool).
///
/// `try await InspectorApp(source: mySource, options: InspectorOptions(theme: "light")).run()` returns when the
/// user quits (or the calling task is cancelled); the terminal is restored on every way out.
public final class InspectorApp: Sendable {
    private let source: any InspectorSource
    private let options: InspectorOptions
    private let inbox = Inbox()
    private let console = ConsoleRunner()
    private let historyFile: HistoryFile
    private let history: HistoryWriter

    public init(source: some InspectorSource, options: InspectorOptions = InspectorOptions()) {
        self.source = source
        self.options = options
        historyFile = HistoryFile(environment: options.environment)
        history = HistoryWriter(file: historyFile)
    }

    /// Runs until `q`. Throws `InspectorError.noTerminal` without a terminal. Theme problems are shown on
    /// screen and printed to stderr after the terminal is restored. Data is collected by a child task, and the
    /// history written by another; both have ended (every history entry written) when this returns.
    public func run() async throws {
        let warnings = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [source, inbox] in
                while !inbox.quitRequested, !Task.isCancelled {
                    let pace = inbox.collectPace
                    if !pace.frozen { inbox.publish(await source.collect()) }
                    try? await Task.sleep(for: pace.interval)
                }
            }
            group.addTask { [source, inbox, console] in await console.run(source: source, inbox: inbox) }
            group.addTask { [history, inbox] in await history.run(inbox: inbox) }
            defer { group.cancelAll() }
            return try await runScreen()
        }
        for warning in warnings { FileHandle.standardError.write(Data(("pooltop: " + warning + "\n").utf8)) }
    }

    /// Runs `uiLoop` on its own thread until it returns; cancelling the calling task asks it to quit.
    private func runScreen() async throws -> [String] {
        try await ScreenThread.run(named: "pooltop-screen", { () throws(InspectorError) in try self.uiLoop() },
                                   onCancel: { [inbox] in inbox.requestQuit() })
    }

    /// Ends curses mode: the UI thread is asked to do it (ncurses is not thread-safe) and given half a second,
    /// then it is done here. Safe from any thread, not from a raw signal handler (use a dispatch source or a
    /// signal-watching task). A running app then returns from `run()`.
    public static func restoreTerminal() {
        TerminalGuard.requestRestore()
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(500)
        while TerminalGuard.isActive, clock.now < deadline { usleep(5_000) }
        TerminalGuard.restore()
    }

    /// Asks a running app to quit at its next frame.
    public func stop() { inbox.requestQuit() }

    /// Waits, at most `timeout`, until the history entries handed to the writer are on disk: for a signal's
    /// clean-up, which exits without waiting for `run()` to return.
    public func waitForHistoryWrites(timeout: Duration = .seconds(2)) {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while history.isBusy, clock.now < deadline { usleep(5_000) }
    }

    /// The UI thread: paint, wait for keys until the next frame, repeat. Returns theme warnings for stderr.
    private func uiLoop() throws(InspectorError) -> [String] {
        let screen = try CursesScreen()
        defer { TerminalGuard.restore() }
        var themes = ThemeCycle(options: options)
        var state = ViewState()
        state.refreshRate = options.refreshRate
        state.glyphs = Glyphs(ascii: options.ascii, chartStyle: options.chartStyle)
        var warnings = themes.apply(themes.initial, to: screen, themeName: &state.themeName, status: &state.status)
        var statusSince = ContinuousClock.now
        var lastStatus: String?
        var shown: DashboardData?
        let clock = ContinuousClock()
        var consoleStarted: ContinuousClock.Instant?
        do {
            state.console = ConsoleState(history: try historyFile.load())
        } catch {
            state.status = "\(error)"
        }

        while !inbox.quitRequested, !TerminalGuard.restoreRequested, TerminalGuard.isActive {
            let (latest, messages) = inbox.take()
            if !state.displayFrozen, let latest { shown = latest }
            state.replaying = shown?.replay != nil
            for message in messages {
                switch message {
                case .status(let text): state.status = text
                case .sqlResult(let text):
                    state.console.show(.note(text, role: .text), size: screen.size)
                case .console(let reply, let watching):
                    state.console.receive(reply, watching: watching, size: screen.size)
                    for case .console(let effect) in InputHandler.runPending(state: &state, size: screen.size) {
                        if let problem = carryOut(effect) { state.status = problem }
                    }
                }
            }
            if state.console.phase.isBusy {
                let started = consoleStarted ?? clock.now
                consoleStarted = started
                state.console.runningFor = clock.now - started
            } else {
                consoleStarted = nil
                state.console.runningFor = nil
            }
            if state.status != lastStatus {
                statusSince = clock.now
                lastStatus = state.status
            }
            if state.status != nil, clock.now - statusSince > .seconds(6) { state.status = nil }

            let size = screen.size
            state.console.lay(size: size)
            screen.paint(FrameBuilder.build(data: shown, state: state, size: size))
            let interval = Duration.milliseconds(Int(1000 / max(0.1, state.refreshRate)))
            inbox.setPace(interval: interval, frozen: state.displayFrozen)
            let deadline = clock.now + interval
            var handled = false
            while !handled, !inbox.quitRequested, !TerminalGuard.restoreRequested {
                let remaining = deadline - clock.now
                guard remaining > .zero else { break }
                let wait = min(100, max(1, Int(remaining.milliseconds)))
                guard var input = screen.read(timeoutMilliseconds: wait) else { continue }
                handled = true
                while true {
                    switch input {
                    case .resize, .redraw:
                        screen.invalidate()
                    case .suspend:
                        screen.suspend()
                        screen.invalidate()
                    case .quitSignal:
                        screen.quitAsTerminalWould()
                    case .key(let key):
                        let effects = InputHandler.handle(key, state: &state, data: shown, size: screen.size)
                        for effect in effects {
                            switch effect {
                            case .quit:
                                inbox.requestQuit()
                            case .nextTheme:
                                warnings += themes.apply(themes.next(), to: screen, themeName: &state.themeName, status: &state.status)
                            case .perform(let command):
                                perform(command)
                            case .replay(let control):
                                perform { await $0.control(control) }
                            case .console(let effect):
                                if let problem = carryOut(effect) { state.status = problem }
                            }
                        }
                    }
                    guard !inbox.quitRequested, let more = screen.read(timeoutMilliseconds: 0) else { break }
                    input = more
                }
            }
        }
        return warnings
    }

    /// Hands a console effect to the runner (or writes the history); returns a problem to show, if any.
    private func carryOut(_ effect: ConsoleEffect) -> String? {
        switch effect {
        case .run(let statement): console.submit(.run(statement))
        case .watch(let statement, let interval): console.submit(.watch(statement, every: interval))
        case .cancel: console.cancel(source: source)
        case .endSession(let thenQuit):
            console.cancel(source: source)
            console.submit(.endSession(thenQuit: thenQuit))
        case .saveHistory(let entries):
            history.save(entries)
        }
        return nil
    }

    /// Asks the source something in a task of its own; its answer becomes the status line.
    private func perform(_ request: @escaping @Sendable (any InspectorSource) async -> String?) {
        Task { [source, inbox] in
            if let message = await request(source) { inbox.post(.status(message)) }
        }
    }

    private func perform(_ command: Command) {
        Task { [source, inbox] in
            let message = await source.perform(command)
            if case .runSQL = command {
                inbox.post(.sqlResult(message ?? "(no result)"))
            } else if let message {
                inbox.post(.status(message))
            }
        }
    }
}
