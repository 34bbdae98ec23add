import ConnectionPool
import Testing

@Suite struct DurationNotationTests {
    @Test func readsUnitsAndBareSeconds() {
        #expect(DurationNotation.parse("10ms") == .milliseconds(10))
        #expect(DurationNotation.parse("2s") == .seconds(2))
        #expect(DurationNotation.parse("2") == .seconds(2))
        #expect(DurationNotation.parse("0.5s") == .milliseconds(500))
        #expect(DurationNotation.parse("1.5m") == .seconds(90))
        #expect(DurationNotation.parse("10min") == .seconds(600))
        #expect(DurationNotation.parse("1h") == .seconds(3600))
        #expect(DurationNotation.parse("250us") == .microseconds(250))
        #expect(DurationNotation.parse("250µs") == .microseconds(250))
        #expect(DurationNotation.parse("20ns") == .nanoseconds(20))
    }

    @Test func readsCombinedParts() {
        #expect(DurationNotation.parse("1h30m") == .seconds(5400))
        #expect(DurationNotation.parse("3m05s") == .seconds(185))
    }

    @Test func rejectsMalformedText() {
        for text in ["", "ms", "10 parsecs", "-1s", "1..2s", "1h30", "s5"] {
            #expect(DurationNotation.parse(text) == nil, "\(text)")
        }
    }

    @Test(arguments: [
        (Duration.seconds(30), "30s"), (.milliseconds(250), "250ms"), (.milliseconds(1500), "1.5s"), (.seconds(90), "90s"),
        (.seconds(600), "10m"), (.seconds(3600), "1h"), (.microseconds(40), "40µs"), (.nanoseconds(7), "7ns"), (.zero, "0s"),
    ])
    func formatsTheShortestExactForm(duration: Duration, text: String) {
        #expect(DurationNotation.format(duration) == text)
        #expect(DurationNotation.parse(text) == duration)
    }

    @Test(arguments: [
        (Duration.microseconds(850), "850µs"), (.milliseconds(12), "12ms"), (.milliseconds(1250), "1.3s"),
        (.seconds(42), "42s"), (.seconds(185), "3m05s"), (.seconds(7440), "2h04m"), (.zero, "0s"),
    ])
    func abbreviatesMeasurementsInTheSameUnits(duration: Duration, text: String) {
        #expect(DurationNotation.abbreviated(duration) == text)
        #expect(DurationNotation.parse(text) != nil)
    }
}

@Suite struct PoolKnobTests {
    @Test func everyKnobIsNamedAsItsFlagIs() {
        #expect(PoolKnob.allCases.map(\.name) == [
            "pool_size", "max_overflow", "timeout", "max_lifetime", "idle_timeout", "min_idle", "pre_ping",
            "idle_order", "reset", "leak_threshold", "max_waiters", "connect_retry",
        ])
    }

    @Test func aChangeOfEveryKnobIsDescribedInOneVocabulary() {
        let old = PoolConfiguration.sqlalchemy
        var new = old
        new.poolSize = 6
        new.maxOverflow = -1
        new.checkoutTimeout = .seconds(10)
        new.maxLifetime = .seconds(1800)
        new.idleTimeout = .seconds(600)
        new.minimumIdle = 2
        new.prePing = true
        new.idleOrder = .lifo
        new.resetOnReturn = .discardAll
        new.leakThreshold = .milliseconds(500)
        new.maxWaiters = 8
        new.connectRetry = Backoff(initial: .milliseconds(50), maximum: .seconds(5), multiplier: 3)
        #expect(old.changes(to: old.successor(new)) == [
            "preset sqlalchemy → custom", "pool_size 5 → 6", "max_overflow 10 → unlimited", "timeout 30s → 10s",
            "max_lifetime off → 30m", "idle_timeout off → 10m", "min_idle 0 → 2", "pre_ping off → on",
            "idle_order fifo → lifo", "reset rollback → discard-all", "leak_threshold off → 500ms",
            "max_waiters unlimited → 8", "connect_retry 100ms..10s → 50ms..5s ×3",
        ])
        #expect(old.changes(to: old.successor(old)).isEmpty)
    }

    @Test func connectRetryReadsBackWhatItPrints() {
        let backoff = Backoff(initial: .milliseconds(250), maximum: .seconds(30))
        #expect(backoff.notation == "250ms..30s")
        #expect(Backoff(notation: backoff.notation) == backoff)
        #expect(Backoff(notation: "2s") == Backoff(initial: .seconds(2)))
        #expect(Backoff(notation: "5s..1s") == nil)
    }
}
