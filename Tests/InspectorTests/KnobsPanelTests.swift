import ConnectionPool
import Testing
import Workload
@testable import Inspector

/// The knobs panel: keys, what it sends, how it refuses a bad value in place, and what it draws.
@Suite struct KnobsPanelTests {
    private func press(_ keys: [Key], _ state: inout ViewState, data: DashboardData? = Fixtures.data) -> [Effect] {
        keys.flatMap { InputHandler.handle($0, state: &state, data: data, size: Fixtures.full) }
    }

    private func select(_ knob: Knob, _ state: inout ViewState) {
        let index = Knob.all.firstIndex(of: knob)!
        _ = press([.home] + Array(repeating: .down, count: index), &state)
        #expect(state.knobs?.knob == knob)
    }

    private func typed(_ text: String) -> [Key] { text.map(Key.character) }

    @Test func oOpensThePanelAndEscClosesIt() {
        var state = ViewState()
        #expect(press([.character("o")], &state).isEmpty)
        #expect(state.knobs == KnobsPanel())
        _ = press([.escape], &state)
        #expect(state.knobs == nil)
        _ = press([.function(2)], &state)
        #expect(state.knobs != nil)
    }

    @Test func plusAndMinusStepTheSelectedKnob() {
        var state = ViewState()
        _ = press([.character("o")], &state)
        select(.pool(.poolSize), &state)
        #expect(press([.character("+")], &state) == [.perform(.setKnob(.pool(.poolSize), "6"))])
        #expect(press([.character("-")], &state) == [.perform(.setKnob(.pool(.poolSize), "4"))])
        select(.load(.rate), &state)
        #expect(press([.character("+")], &state) == [.perform(.setKnob(.load(.rate), "1"))])
    }

    @Test func enterTypesAValueInTheFlagsSyntaxAndSendsIt() {
        var state = ViewState()
        _ = press([.character("o")], &state)
        select(.pool(.idleTimeout), &state)
        _ = press([.enter] + typed("1s"), &state)
        #expect(state.knobs?.editing == "1s")
        #expect(press([.enter], &state) == [.perform(.setKnob(.pool(.idleTimeout), "1s"))])
        #expect(state.knobs?.editing == nil)
        #expect(state.knobs != nil, "the panel stays open after a change")
    }

    @Test func aBadValueIsRefusedInPlaceAndSendsNothing() {
        var state = ViewState()
        _ = press([.character("o")], &state)
        select(.pool(.idleTimeout), &state)
        #expect(press([.enter] + typed("3x") + [.enter], &state).isEmpty)
        #expect(state.knobs?.message == "idle_timeout: '3x' is not a duration (e.g. 30s, 500ms) or off")
        #expect(state.knobs?.editing == "3x", "the typed text stays, to be corrected")
        let frame = FrameBuilder.build(data: Fixtures.data, state: state, size: Fixtures.full)
        #expect(frame.contains("'3x' is not a duration"))
        _ = press([.escape], &state)
        #expect(state.knobs?.editing == nil && state.knobs?.message == nil)
        #expect(state.knobs != nil, "Esc cancels the typing, a second Esc closes")
    }

    @Test func keysTypedAsAValueAreNotCommands() {
        var state = ViewState()
        _ = press([.character("o")], &state)
        select(.load(.mix), &state)
        #expect(press([.enter] + typed("q+-o"), &state).isEmpty)
        #expect(state.knobs?.editing == "q+-o")
    }

    @Test func theMixHasNoStepsAndSaysSo() {
        var state = ViewState()
        _ = press([.character("o")], &state)
        select(.load(.mix), &state)
        #expect(press([.character("+")], &state).isEmpty)
        #expect(state.knobs?.message?.contains("Enter types a value") == true)
    }

    @Test func keysThePanelDoesNotUseKeepTheirMeaning() {
        var state = ViewState()
        _ = press([.character("o")], &state)
        #expect(press([.character(" ")], &state) == [.perform(.setLoadPaused(true))])
        #expect(state.knobs != nil)
        #expect(press([.character("q")], &state) == [.quit])
    }

    @Test func thePanelListsEveryKnobWithItsValueInForce() {
        var state = ViewState()
        state.knobs = KnobsPanel()
        let frame = FrameBuilder.build(data: Fixtures.data, state: state, size: Fixtures.full)
        for knob in Knob.all {
            let row = frame.lines.first { $0.contains(" \(knob.name) ") }
            #expect(row?.contains(knob.value(in: Fixtures.data)) == true, "\(knob.name) missing or without its value")
        }
    }

    @Test func theSimulatedSourceAppliesKnobsAsEventsAndRefusesBadValues() async {
        let source = SimulatedSource()
        #expect(await source.perform(.setKnob(.pool(.idleTimeout), "1s")) == "preset sqlalchemy → custom, idle_timeout off → 1s")
        #expect(await source.perform(.setKnob(.load(.rate), "100")) == "rate off → 100")
        #expect(await source.perform(.setKnob(.pool(.minIdle), "-1")) == "min_idle must be 0 or more, not -1")
        #expect(await source.perform(.setKnob(.preset, "hikari"))?.hasPrefix("preset custom → hikari moves pool_size") == true)
        let data = await source.collect()
        #expect(data.pool.configuration.presetName == "hikari")
        #expect(data.load.settings.arrivalRate == 100)
        let changes = data.events.compactMap { event -> String? in
            if case .configurationChanged(let description) = event.kind { return description }
            return nil
        }
        #expect(changes.contains("idle_timeout off → 1s") && changes.contains("rate off → 100"))
    }
}
