import ConnectionPool
import Testing
import Workload

/// Each load knob's one parser, shared by `--workers`, `--think`, `--rate`, `--mix` and the knobs panel.
@Suite("Load knobs: parsing, validation and steps")
struct LoadKnobTests {
    @Test("a good value is applied and reads back", arguments: [
        (LoadKnob.workers, "40", "40"), (.workers, "0", "0"), (.think, "10ms", "10ms"), (.think, "0", "0s"),
        (.rate, "250", "250"), (.rate, "0.5", "0.5"), (.rate, "off", "off"),
        (.mix, "select1:3,sleep(10ms)", "select1:3,sleep(10ms)"), (.mix, "'SELECT now()'", "'SELECT now()'"),
        (.mode, "no-pool", "no-pool"), (.mode, "POOL", "pool"),
    ])
    func goodValue(knob: LoadKnob, text: String, shown: String) throws {
        var settings = LoadSettings(arrivalRate: 100)
        try knob.apply(text, to: &settings)
        #expect(knob.value(in: settings) == shown)
        var again = LoadSettings(arrivalRate: 100)
        try knob.apply(shown, to: &again)
        #expect(again == settings)
    }

    @Test("a bad value is refused with its message and changes nothing", arguments: [
        (LoadKnob.workers, "-1", "workers must be 0 or more, not -1"),
        (.workers, "many", "workers: 'many' is not a whole number (0 or more)"),
        (.think, "later", "think: 'later' is not a duration (e.g. 30s, 500ms)"),
        (.rate, "0", "rate must be a positive number of queries a second, or off"),
        (.rate, "fast", "rate: 'fast' is not a number of queries a second, or off"),
        (.rate, "inf", "rate must be a positive number of queries a second, or off"),
        (.mode, "direct", "mode: 'direct' is not pool or no-pool"),
    ])
    func badValue(knob: LoadKnob, text: String, message: String) {
        var settings = LoadSettings()
        #expect(throws: KnobError.self) { try knob.apply(text, to: &settings) }
        do { try knob.apply(text, to: &settings) } catch { #expect(error.description == message) }
        #expect(settings == LoadSettings())
    }

    @Test func aBadMixSaysWhatIsWrongInTheMixParsersWords() {
        var settings = LoadSettings()
        do {
            try LoadKnob.mix.apply("select1:x", to: &settings)
            Issue.record("a bad weight was accepted")
        } catch {
            #expect(error.knob == "mix")
            #expect(error.description.hasPrefix("mix: "))
            #expect(error.naming("--mix").hasPrefix("--mix: "))
        }
        #expect(settings == LoadSettings())
    }

    @Test func stepsMoveAlongTheirLaddersAndTheRateStepsIntoClosedLoop() {
        var settings = LoadSettings(workers: 3, thinkTime: .milliseconds(10))
        #expect(LoadKnob.workers.stepped(1, in: settings) == "4")
        #expect(LoadKnob.think.stepped(-1, in: settings) == "0s")
        #expect(LoadKnob.think.stepped(-1, in: LoadSettings(thinkTime: .zero)) == "0s")
        #expect(LoadKnob.rate.stepped(1, in: settings) == "1")
        #expect(LoadKnob.rate.stepped(-1, in: settings) == "off")
        settings.arrivalRate = 1
        #expect(LoadKnob.rate.stepped(-1, in: settings) == "off")
        settings.arrivalRate = 100
        #expect(LoadKnob.rate.stepped(1, in: settings) == "200")
        #expect(LoadKnob.mode.stepped(1, in: settings) == "no-pool")
        #expect(LoadKnob.mix.stepped(1, in: settings) == nil)
    }

    @Test func changesNameEachKnobInTheEventsWords() {
        let before = LoadSettings(workers: 32)
        let after = LoadSettings(workers: 40, arrivalRate: 100, paused: true, mode: .noPool)
        #expect(before.changes(to: after) == ["workers 32 → 40", "rate off → 100", "mode pool → no-pool", "load paused"])
    }
}
