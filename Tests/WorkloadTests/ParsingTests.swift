import Testing
@testable import Workload

@Suite struct DurationParsingTests {
    @Test func readsUnitsAndBareSeconds() {
        #expect(DurationParsing.parse("10ms") == .milliseconds(10))
        #expect(DurationParsing.parse("2s") == .seconds(2))
        #expect(DurationParsing.parse("2") == .seconds(2))
        #expect(DurationParsing.parse("0.5s") == .milliseconds(500))
        #expect(DurationParsing.parse("1.5m") == .seconds(90))
        #expect(DurationParsing.parse("1h") == .seconds(3600))
        #expect(DurationParsing.parse("250us") == .microseconds(250))
        #expect(DurationParsing.parse("20ns") == .nanoseconds(20))
    }

    @Test func rejectsMalformedText() {
        #expect(DurationParsing.parse("") == nil)
        #expect(DurationParsing.parse("ms") == nil)
        #expect(DurationParsing.parse("10 parsecs") == nil)
        #expect(DurationParsing.parse("-1s") == nil)
        #expect(DurationParsing.parse("1..2s") == nil)
    }

    @Test func formatsWhatParseReadsBack() {
        for duration: Duration in [.milliseconds(10), .seconds(2), .milliseconds(1500), .microseconds(250), .seconds(120), .nanoseconds(7)] {
            #expect(DurationParsing.parse(DurationParsing.format(duration)) == duration)
        }
        #expect(DurationParsing.format(.milliseconds(10)) == "10ms")
        #expect(DurationParsing.format(.milliseconds(1500)) == "1.5s")
    }

    @Test func writesSleepSecondsForPostgres() {
        #expect(QueryKind.sleep(.milliseconds(10)).sql == "SELECT pg_sleep(0.01)")
        #expect(QueryKind.sleep(.seconds(1)).sql == "SELECT pg_sleep(1)")
    }
}

@Suite struct QueryMixParsingTests {
    @Test func parsesWeightedKinds() throws {
        let mix = try QueryMix.parse("select1:3,sleep(10ms):1,rw:1")
        #expect(mix.entries == [
            .init(.selectOne, weight: 3), .init(.sleep(.milliseconds(10)), weight: 1), .init(.readWrite, weight: 1),
        ])
    }

    @Test func parsesRandomSleepNoneAndCustomSQL() throws {
        let mix = try QueryMix.parse("sleep(5ms..50ms):2, none, sql(SELECT count(*), max(x::int) FROM t):0.5, 'SELECT ''a,b''':1")
        #expect(mix.entries == [
            .init(.sleepRandom(min: .milliseconds(5), max: .milliseconds(50)), weight: 2),
            .init(.none),
            .init(.custom("SELECT count(*), max(x::int) FROM t"), weight: 0.5),
            .init(.custom("SELECT 'a,b'")),
        ])
    }

    @Test func rejectsBadMixes() {
        #expect(throws: QueryMixError.self) { try QueryMix.parse("") }
        #expect(throws: QueryMixError.self) { try QueryMix.parse("select1:0") }
        #expect(throws: QueryMixError.self) { try QueryMix.parse("select1:x") }
        #expect(throws: QueryMixError.self) { try QueryMix.parse("sleep(ten)") }
        #expect(throws: QueryMixError.self) { try QueryMix.parse("sleep(50ms..5ms)") }
        #expect(throws: QueryMixError.self) { try QueryMix.parse("delete everything") }
        #expect(throws: QueryMixError.self) { try QueryMix.parse("select1,,rw") }
    }

    @Test func mixStringRoundTrips() throws {
        let text = "select1:3,sleep(10ms),sleep(5ms..50ms):2,rw,none,'SELECT ''x'', 1':1.5"
        let mix = try QueryMix.parse(text)
        #expect(try QueryMix.parse(mix.mixString) == mix)
    }

    @Test func singleQueryRecognisesSelectOneAndNone() throws {
        #expect(try QueryMix.single("SELECT 1;") == .selectOne)
        #expect(try QueryMix.single("select 1") == .selectOne)
        #expect(try QueryMix.single("none").entries == [.init(.none)])
        #expect(try QueryMix.single("SELECT pg_sleep(0.01)").entries == [.init(.custom("SELECT pg_sleep(0.01)"))])
        #expect(throws: QueryMixError.self) { try QueryMix.single("  ") }
    }

    @Test func labelNamesTheStatementOrTheMix() throws {
        #expect(QueryMix.selectOne.label == "SELECT 1")
        #expect(try QueryMix.single("SELECT pg_sleep(0.01)").label == "SELECT pg_sleep(0.01)")
        #expect(QueryMix([.init(.none)]).label == "none")
        #expect(try QueryMix.parse("select1:3,rw").label == "select1:3,rw")
    }

    @Test func sweepSizesAcceptListsAndRanges() throws {
        #expect(try Sweep.parseSizes("5,10,15") == [5, 10, 15])
        #expect(try Sweep.parseSizes("2..5") == [2, 3, 4, 5])
        #expect(try Sweep.parseSizes("5..20:5") == [5, 10, 15, 20])
        #expect(throws: WorkloadError.self) { try Sweep.parseSizes("5..x") }
        #expect(throws: WorkloadError.self) { try Sweep.parseSizes("") }
    }
}

@Suite struct CommandLineHelperTests {
    @Test func parseDurationThrowsAReadableError() throws {
        #expect(try parseDuration("250ms") == .milliseconds(250))
        #expect(throws: WorkloadError.invalidOptions("\"soon\" is not a duration (try 250ms, 2s, 1.5m, 1h)")) { try parseDuration("soon") }
    }

    @Test func parseMixReadsTheMixSyntax() throws {
        #expect(try parseMix("select1:2,none").entries == [.init(.selectOne, weight: 2), .init(.none)])
    }
}
