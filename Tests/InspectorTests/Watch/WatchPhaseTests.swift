import Testing
import Workload
@testable import Inspector

/// The watch screen's state machine (loading, the pools, one pool, the outage) and its help overlay.
@Suite struct WatchPhaseTests {
    static let size = WatchFrameTests.size
    static var down: WatchSnapshot {
        var down = WatchFrameTests.snapshot
        down.pools = []
        down.unavailable = "n/a: server unreachable — connection refused"
        down.reachability = .unreachable(since: .seconds(5), lastError: "connection refused", nextAttempt: .seconds(11), attempt: 2)
        return down
    }

    @Test func anOutageKeepsThePoolThatWasOpenAndShowsItAgainWhenTheServerIsBack() {
        var state = WatchViewState()
        #expect(state.phase == .loading)
        #expect(WatchFrameBuilder.build(target: "t", state: state, size: Self.size).contains("collecting data…"))
        state.receive(WatchFrameTests.snapshot)
        #expect(state.phase == .pools(WatchFrameTests.snapshot))
        _ = WatchInput.handle(.down, state: &state, size: Self.size)
        _ = WatchInput.handle(.enter, state: &state, size: Self.size)
        #expect(state.phase == .pool(WatchFrameTests.billing, WatchFrameTests.snapshot))

        state.receive(Self.down)
        guard case .unreachable(let outage) = state.phase else { Issue.record("no outage: \(state.phase)"); return }
        #expect(outage.reason == "n/a: server unreachable — connection refused" && outage.opened == WatchFrameTests.billing)
        let frame = WatchFrameBuilder.build(target: "t", state: state, size: Self.size)
        #expect(frame.contains("pool billing from 10.0.0.5 as app on shop: no connections now"), "\(frame.lines)")
        #expect(frame.lines[2].contains("n/a: server unreachable — connection refused") && !frame.contains("PID"), "\(frame.lines)")
        _ = WatchInput.handle(.enter, state: &state, size: Self.size)
        #expect(state.phase == .unreachable(outage), "Enter did something in an outage")

        state.receive(WatchFrameTests.snapshot)
        #expect(state.phase == .pool(WatchFrameTests.billing, WatchFrameTests.snapshot), "the open pool did not come back with the server")
        state.receive(Self.down)
        _ = WatchInput.handle(.escape, state: &state, size: Self.size)
        state.receive(WatchFrameTests.snapshot)
        #expect(state.phase == .pools(WatchFrameTests.snapshot), "Esc in an outage did not go back to the pools")
    }

    @Test func aFrozenDisplayTakesNoSnapshotIn() {
        var state = WatchViewState()
        state.receive(WatchFrameTests.snapshot)
        _ = WatchInput.handle(.character("p"), state: &state, size: Self.size)
        state.receive(Self.down)
        #expect(state.phase == .pools(WatchFrameTests.snapshot))
        _ = WatchInput.handle(.character("p"), state: &state, size: Self.size)
        state.receive(Self.down)
        if case .unreachable = state.phase {} else { Issue.record("an unfrozen display took no snapshot in: \(state.phase)") }
    }

    @Test(arguments: [WatchFrameTests.size, Size(width: 80, height: 24)])
    func questionMarkListsEveryKeyOfTheWatchTableAndEscClosesIt(size: Size) {
        var state = WatchViewState()
        state.receive(WatchFrameTests.snapshot)
        _ = WatchInput.handle(.character("?"), state: &state, size: size)
        #expect(state.showHelp)
        var seen = Set<String>()
        for _ in 0..<40 {
            for line in WatchFrameBuilder.build(target: "t", state: state, size: size).lines { seen.insert(line) }
            _ = WatchInput.handle(.down, state: &state, size: size)
        }
        let text = seen.joined(separator: "\n")
        for binding in WatchKeys.bindings {
            #expect(text.contains(binding.keyLabel + " "), "help misses \(binding.keyLabel)")
            if size == WatchFrameTests.size { #expect(text.contains(binding.summary), "help misses \(binding.summary)") }
        }
        #expect(!text.contains("pool size +1") && !text.contains("SQL console"), "help lists the main screen's keys")
        #expect(state.pools.selected == 0, "Down scrolled the table under the help")
        _ = WatchInput.handle(.escape, state: &state, size: size)
        #expect(!state.showHelp && state.phase == .pools(WatchFrameTests.snapshot), "Esc did not only close the help")
    }
}
