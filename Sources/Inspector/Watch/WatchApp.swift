import ConnectionPool
import Foundation
import Synchronization
import Workload

/// The `pooltop watch` screen: takes snapshots from `collect` in a child task and draws them on a UI thread of
/// its own, as `InspectorApp` does, with the same terminal guard: the terminal is restored on every way out.
public final class WatchApp: Sendable {
    private let collect: @Sendable () async -> WatchSnapshot
    private let target: String
    private let options: InspectorOptions
    /// What the collecting task hands to the UI thread.
    private let shared = Mutex(Shared())

    private struct Shared {
        var latest: WatchSnapshot?
        var quit = false
        var frozen = false
    }

    /// `target` is the display form (password masked).
    public init(target: String, options: InspectorOptions = InspectorOptions(), collect: @escaping @Sendable () async -> WatchSnapshot) {
        self.collect = collect
        self.target = target
        self.options = options
    }

    /// Runs until `q` (or the calling task is cancelled). Throws `InspectorError.noTerminal` without a terminal.
    /// Theme warnings are printed to stderr after the terminal is restored.
    public func run() async throws {
        let warnings = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [self] in
                while !shared.withLock({ $0.quit }), !Task.isCancelled {
                    if !shared.withLock({ $0.frozen }) {
                        let snapshot = await collect()
                        shared.withLock { $0.latest = snapshot }
                    }
                    try? await Task.sleep(for: .milliseconds(Int(1000 / max(0.1, options.refreshRate))))
                }
            }
            defer { group.cancelAll() }
            return try await runScreen()
        }
        for warning in warnings { FileHandle.standardError.write(Data(("pooltop: " + warning + "\n").utf8)) }
    }

    private func requestQuit() { shared.withLock { $0.quit = true } }

    private func runScreen() async throws -> [String] {
        try await ScreenThread.run(named: "pooltop-watch", { () throws(InspectorError) in try self.uiLoop() },
                                   onCancel: { self.requestQuit() })
    }

    /// The UI thread: paint, wait for keys until the next frame, repeat.
    private func uiLoop() throws(InspectorError) -> [String] {
        let screen = try CursesScreen()
        defer { TerminalGuard.restore() }
        var themes = ThemeCycle(options: options)
        var state = WatchViewState()
        state.refreshRate = options.refreshRate
        state.glyphs = Glyphs(ascii: options.ascii, chartStyle: options.chartStyle)
        var warnings = themes.apply(themes.initial, to: screen, themeName: &state.themeName, status: &state.status)
        var shown: WatchSnapshot?
        let clock = ContinuousClock()
        var statusSince = clock.now
        var lastStatus = state.status
        let interval = Duration.milliseconds(Int(1000 / max(0.1, options.refreshRate)))

        while !shared.withLock({ $0.quit }), !TerminalGuard.restoreRequested, TerminalGuard.isActive {
            if !state.displayFrozen, let latest = shared.withLock({ $0.latest }) { shown = latest }
            if state.status != lastStatus {
                statusSince = clock.now
                lastStatus = state.status
            }
            if state.status != nil, clock.now - statusSince > .seconds(6) { state.status = nil }
            screen.paint(WatchFrameBuilder.build(snapshot: shown, target: target, state: state, size: screen.size))
            let deadline = clock.now + interval
            while !shared.withLock({ $0.quit }), !TerminalGuard.restoreRequested, clock.now < deadline {
                let wait = min(100, max(1, Int((deadline - clock.now).milliseconds)))
                guard let input = screen.read(timeoutMilliseconds: wait) else { continue }
                switch input {
                case .resize, .redraw: screen.invalidate()
                case .suspend:
                    screen.suspend()
                    screen.invalidate()
                case .quitSignal:
                    screen.quitAsTerminalWould()
                case .key(let key):
                    for effect in WatchInput.handle(key, state: &state, snapshot: shown, size: screen.size) {
                        switch effect {
                        case .quit: requestQuit()
                        case .nextTheme:
                            warnings += themes.apply(themes.next(), to: screen, themeName: &state.themeName, status: &state.status)
                        case .perform, .console, .replay: break
                        }
                    }
                    shared.withLock { $0.frozen = state.displayFrozen }
                }
                break
            }
        }
        return warnings
    }
}
