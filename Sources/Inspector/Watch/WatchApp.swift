import Foundation
import Synchronization
import Workload

/// The `pooltop watch` screen: takes snapshots from `collect` in a child task and draws them on a UI thread of
/// its own, as `InspectorApp` does (`ScreenRunner`): the terminal is restored on every way out.
public final class WatchApp: Sendable {
    private let collect: @Sendable () async -> WatchSnapshot
    private let target: String
    private let options: InspectorOptions
    /// The screen's one state, shared by the collecting task (which hands it snapshots) and the UI thread (keys, frames).
    private let state = Mutex(WatchViewState())
    private let quit = Atomic(false)

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
                while !quitRequested, !Task.isCancelled {
                    // A frozen display takes nothing in, so the server is not read for it either.
                    if !state.withLock({ $0.displayFrozen }) {
                        let snapshot = await collect()
                        state.withLock { $0.receive(snapshot) }
                    }
                    try? await Task.sleep(for: ScreenRunner.interval(fps: options.refreshRate))
                }
            }
            defer { group.cancelAll() }
            return try await ScreenThread.run(named: "pooltop-watch", { () throws(InspectorError) in
                var loop = self
                return try ScreenRunner.run(&loop, options: self.options)
            }, onCancel: { self.requestQuit() })
        }
        ScreenRunner.report(warnings)
    }

    private func requestQuit() { quit.store(true, ordering: .releasing) }
}

extension WatchApp: ScreenLoop {
    var quitRequested: Bool { quit.load(ordering: .acquiring) }

    func change(_ body: (inout WatchViewState) -> Void) { state.withLock { body(&$0) } }

    func nextFrame(size: Size) -> Frame {
        WatchFrameBuilder.build(target: target, state: state.withLock { $0 }, size: size)
    }

    func handle(_ key: Key, size: Size) -> [Effect] {
        state.withLock { WatchInput.handle(key, state: &$0, size: size) }
    }

    func carryOut(_ effect: Effect) {
        if effect == .quit { requestQuit() }
    }
}
