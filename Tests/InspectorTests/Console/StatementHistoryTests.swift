import Testing
@testable import Inspector

@Suite struct StatementHistoryTests {
    @Test func upAndDownWalkTheEntriesAndGiveBackTheDraft() {
        var history = StatementHistory(entries: ["one;", "two;"])
        #expect(history.older(current: "dra") == "two;")
        #expect(history.older(current: "two;") == "one;")
        #expect(history.older(current: "one;") == nil)
        #expect(history.newer() == "two;")
        #expect(history.newer() == "dra")
        #expect(history.newer() == nil)
    }

    @Test func addingSkipsBlanksAndARepeatOfTheNewest() {
        var history = StatementHistory()
        history.add("select 1;")
        history.add("select 1;")
        history.add("  ")
        history.add("select 2;")
        history.add("select 1;")
        #expect(history.entries == ["select 1;", "select 2;", "select 1;"])
    }

    @Test func addingEndsRecall() {
        var history = StatementHistory(entries: ["a;", "b;"])
        _ = history.older(current: "")
        _ = history.older(current: "")
        history.add("c;")
        #expect(history.older(current: "") == "c;")
    }

    @Test func theOldestEntriesGoPastTheLimit() {
        var history = StatementHistory(entries: ["0", "1", "2"], limit: 3)
        history.add("3")
        #expect(history.entries == ["1", "2", "3"])
        #expect(StatementHistory(entries: (0..<1_500).map(String.init)).entries.count == 1_000)
    }

    @Test func searchNarrowsAsYouTypeAndCtrlRGoesOlder() {
        let history = StatementHistory(entries: ["select 1;", "update t set a = 1;", "select 2;", "delete from t;"])
        var search = history.search(current: "draft")
        search.type("sel")
        #expect(search.match == "select 2;")
        search.older()
        #expect(search.match == "select 1;")
        search.older()
        #expect(search.match == "select 1;", "no older match keeps the current one")
        search.type("ect 1")
        #expect(search.match == "select 1;")
        #expect(search.accept() == "select 1;")
    }

    @Test func typingMoreMovesToAnOlderMatchWhenTheCurrentNoLongerMatches() {
        var search = StatementHistory(entries: ["select 1 from a;", "select 2;"]).search(current: "")
        search.type("select")
        #expect(search.match == "select 2;")
        search.type(" 1")
        #expect(search.match == "select 1 from a;")
    }

    @Test func aFailedSearchSaysSoAndEscRestores() {
        var search = StatementHistory(entries: ["select 1;"]).search(current: "my draft")
        search.type("zzz")
        #expect(search.failed)
        #expect(search.match == nil)
        #expect(search.accept() == "my draft")
        search.deleteBackward()
        search.deleteBackward()
        search.deleteBackward()
        #expect(search.match == "select 1;")
        #expect(search.cancel() == "my draft")
    }
}
