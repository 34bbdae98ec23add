import ConnectionPool
import Testing

/// Each pool knob's one parser, shared by the command line and the knobs panel: what it takes, what it
/// refuses and the line it refuses with, and that a value shown can be typed back.
@Suite("Pool knobs: parsing, validation and steps")
struct KnobParsingTests {
    struct Good: Sendable, CustomTestStringConvertible {
        var knob: PoolKnob
        var text: String
        /// How the knob reads back once applied.
        var shown: String
        var testDescription: String { "\(knob.name) \(text)" }
    }

    static let good: [Good] = [
        Good(knob: .poolSize, text: "7", shown: "7"), Good(knob: .poolSize, text: " 0 ", shown: "0"),
        Good(knob: .maxOverflow, text: "3", shown: "3"), Good(knob: .maxOverflow, text: "-1", shown: "unlimited"),
        Good(knob: .maxOverflow, text: "unlimited", shown: "unlimited"),
        Good(knob: .timeout, text: "500ms", shown: "500ms"), Good(knob: .timeout, text: "2", shown: "2s"),
        Good(knob: .timeout, text: "1m30s", shown: "90s"),
        Good(knob: .maxLifetime, text: "30m", shown: "30m"), Good(knob: .maxLifetime, text: "off", shown: "off"),
        Good(knob: .idleTimeout, text: "1s", shown: "1s"), Good(knob: .idleTimeout, text: "OFF", shown: "off"),
        Good(knob: .minIdle, text: "4", shown: "4"),
        Good(knob: .prePing, text: "on", shown: "on"), Good(knob: .prePing, text: "false", shown: "off"),
        Good(knob: .idleOrder, text: "lifo", shown: "lifo"), Good(knob: .idleOrder, text: "FIFO", shown: "fifo"),
        Good(knob: .reset, text: "discard-all", shown: "discard-all"), Good(knob: .reset, text: "none", shown: "none"),
        Good(knob: .leakThreshold, text: "250ms", shown: "250ms"), Good(knob: .leakThreshold, text: "off", shown: "off"),
        Good(knob: .maxWaiters, text: "100", shown: "100"), Good(knob: .maxWaiters, text: "unlimited", shown: "unlimited"),
        Good(knob: .connectRetry, text: "50ms..2s", shown: "50ms..2s"), Good(knob: .connectRetry, text: "1s", shown: "1s..10s"),
    ]

    @Test("a good value is applied and reads back as typed", arguments: good)
    func goodValue(_ case_: Good) throws {
        var configuration = PoolConfiguration.sqlalchemy
        try case_.knob.apply(case_.text, to: &configuration)
        #expect(case_.knob.value(in: configuration) == case_.shown)
        var again = PoolConfiguration.sqlalchemy
        try case_.knob.apply(case_.shown, to: &again)
        #expect(again == configuration, "what is shown must parse back to the same value")
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var knob: PoolKnob
        var text: String
        var message: String
        var testDescription: String { "\(knob.name) \(text)" }
    }

    static let bad: [Bad] = [
        Bad(knob: .poolSize, text: "-3", message: "pool_size must be 0 or more, not -3"),
        Bad(knob: .poolSize, text: "five", message: "pool_size: 'five' is not a whole number (0 or more)"),
        Bad(knob: .maxOverflow, text: "-2", message: "max_overflow must be -1 (unlimited) or more, not -2"),
        Bad(knob: .maxOverflow, text: "1.5", message: "max_overflow: '1.5' is not a whole number (-1 (unlimited) or more)"),
        Bad(knob: .timeout, text: "soon", message: "timeout: 'soon' is not a duration (e.g. 30s, 500ms)"),
        Bad(knob: .timeout, text: "off", message: "timeout: 'off' is not a duration (e.g. 30s, 500ms)"),
        Bad(knob: .maxLifetime, text: "3x", message: "max_lifetime: '3x' is not a duration (e.g. 30s, 500ms) or off"),
        Bad(knob: .maxLifetime, text: "0s", message: "max_lifetime must be longer than 0s, or off"),
        Bad(knob: .idleTimeout, text: "-1s", message: "idle_timeout: '-1s' is not a duration (e.g. 30s, 500ms) or off"),
        Bad(knob: .idleTimeout, text: "0", message: "idle_timeout must be longer than 0s, or off"),
        Bad(knob: .minIdle, text: "-1", message: "min_idle must be 0 or more, not -1"),
        Bad(knob: .prePing, text: "maybe", message: "pre_ping: 'maybe' is not on or off"),
        Bad(knob: .idleOrder, text: "random", message: "idle_order: 'random' is not one of lifo, fifo"),
        Bad(knob: .reset, text: "discard", message: "reset: 'discard' is not one of none, rollback, discard-all"),
        Bad(knob: .leakThreshold, text: "", message: "leak_threshold: '' is not a duration (e.g. 30s, 500ms) or off"),
        Bad(knob: .maxWaiters, text: "-5", message: "max_waiters must be 0 or more, not -5"),
        Bad(knob: .connectRetry, text: "5s..1s",
            message: "connect_retry: '5s..1s' is not first..longest delay, e.g. 100ms..10s (the longest not below the first)"),
        Bad(knob: .connectRetry, text: "0s",
            message: "connect_retry: '0s' is not first..longest delay, e.g. 100ms..10s (the longest not below the first)"),
    ]

    @Test("a bad value is refused with its message and changes nothing", arguments: bad)
    func badValue(_ case_: Bad) {
        var configuration = PoolConfiguration.sqlalchemy
        #expect(throws: KnobError.self) { try case_.knob.apply(case_.text, to: &configuration) }
        do {
            try case_.knob.apply(case_.text, to: &configuration)
        } catch {
            #expect(error.description == case_.message)
        }
        #expect(configuration == .sqlalchemy)
    }

    @Test func knobsTogetherMustAllowAConnectionCheckedOnlyAfterAllAreSet() throws {
        var hikari = PoolConfiguration.hikari
        try PoolKnob.apply([(.poolSize, "0"), (.maxOverflow, "5")], to: &hikari)
        #expect(hikari.poolSize == 0 && hikari.maxOverflow == 5)
        var configuration = PoolConfiguration.hikari
        do {
            try PoolKnob.poolSize.apply("0", to: &configuration)
            Issue.record("pool_size 0 with max_overflow 0 was accepted")
        } catch {
            #expect(error.description == "pool_size 0 with max_overflow 0 allows no connection")
            #expect(error.naming(KnobError.flag(error.knob)) == "--pool-size 0 with max_overflow 0 allows no connection")
        }
        #expect(configuration == .hikari)
    }

    @Test func presetsParseByNameAndAnUnknownOneListsThem() throws {
        #expect(try Preset.parse(" Hikari ") == .hikari)
        #expect(throws: KnobError(knob: "preset", ": no preset called 'bogus' (sqlalchemy, hikari, psycopg, pgx, database-sql)")) {
            try Preset.parse("bogus")
        }
    }

    @Test func aPresetSwitchSaysWhichKnobsItMoves() {
        let changes = PoolConfiguration.sqlalchemy.changes(to: .hikari)
        let moved = PoolKnob.allCases.filter { $0.value(in: .sqlalchemy) != $0.value(in: .hikari) }
        #expect(!moved.isEmpty)
        #expect(changes.first == "preset sqlalchemy → hikari moves " + moved.map(\.name).joined(separator: ", "))
        #expect(changes.count == moved.count + 1)
    }

    @Test("+ and - step every knob to a value its parser takes, and back", arguments: PoolKnob.allCases)
    func steps(_ knob: PoolKnob) throws {
        let start = PoolConfiguration.sqlalchemy
        // Off and unlimited sit at the top of their ladders: from there the first step is down.
        let direction = knob.stepped(1, in: start) == knob.value(in: start) ? -1 : 1
        var moved = start
        try knob.apply(knob.stepped(direction, in: start), to: &moved)
        #expect(knob.value(in: moved) != knob.value(in: start), "a step did not move \(knob.name)")
        var back = moved
        try knob.apply(knob.stepped(-direction, in: moved), to: &back)
        #expect(knob.value(in: back) == knob.value(in: start), "the opposite step did not undo it for \(knob.name)")
    }

    @Test func optionalDurationsStepIntoAndOutOfOff() {
        var configuration = PoolConfiguration.sqlalchemy
        #expect(PoolKnob.idleTimeout.stepped(1, in: configuration) == "off")
        #expect(PoolKnob.idleTimeout.stepped(-1, in: configuration) == "1h")
        configuration.idleTimeout = .seconds(1)
        #expect(PoolKnob.idleTimeout.stepped(-1, in: configuration) == "500ms")
        #expect(PoolKnob.idleTimeout.stepped(1, in: configuration) == "2s")
    }
}
