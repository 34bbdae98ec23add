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
        ScreenRunner.report(warnings)
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
        var loop = Loop(app: self)
        return try ScreenRunner.run(&loop, options: options)
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

extension InspectorApp {
    /// The main screen on the UI thread: its view state and the data shown, with what the inbox brought taken in
    /// each frame.
    private struct Loop: ScreenLoop {
        let app: InspectorApp
        var state = ViewState()
        var shown: DashboardData?
        /// When the console's statement started running, for its elapsed time.
        var consoleStarted: ContinuousClock.Instant?

        var quitRequested: Bool { app.inbox.quitRequested }

        mutating func change(_ body: (inout ViewState) -> Void) { body(&state) }

        mutating func opened() {
            do {
                state.console = ConsoleState(history: try app.historyFile.load())
            } catch {
                state.status = "\(error)"
            }
        }

        mutating func nextFrame(size: Size) -> Frame {
            let (latest, messages) = app.inbox.take()
            if !state.displayFrozen, let latest { shown = latest }
            state.replaying = shown?.replay != nil
            for message in messages {
                switch message {
                case .status(let text): state.status = text
                case .sqlResult(let text):
                    state.console.show(.note(text, role: .text), size: size)
                case .console(let reply, let watching):
                    state.console.receive(reply, watching: watching, size: size)
                    for case .console(let effect) in InputHandler.runPending(state: &state, size: size) { carryOut(.console(effect)) }
                }
            }
            if state.console.phase.isBusy {
                let started = consoleStarted ?? .now
                consoleStarted = started
                state.console.runningFor = .now - started
            } else {
                consoleStarted = nil
                state.console.runningFor = nil
            }
            state.console.lay(size: size)
            app.inbox.setPace(interval: ScreenRunner.interval(fps: state.refreshRate), frozen: state.displayFrozen)
            return FrameBuilder.build(data: shown, state: state, size: size)
        }

        mutating func handle(_ key: Key, size: Size) -> [Effect] {
            InputHandler.handle(key, state: &state, data: shown, size: size)
        }

        mutating func carryOut(_ effect: Effect) {
            switch effect {
            case .quit: app.inbox.requestQuit()
            case .nextTheme: break  // the runner's
            case .perform(let command): app.perform(command)
            case .replay(let control): app.perform { await $0.control(control) }
            case .console(let effect):
                if let problem = app.carryOut(effect) { state.status = problem }
            }
        }
    }
}
