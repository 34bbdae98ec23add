import Testing
@testable import Workload

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
    @Test func parseMixReadsTheMixSyntax() throws {
        #expect(try parseMix("select1:2,none").entries == [.init(.selectOne, weight: 2), .init(.none)])
    }
}
