import LibPQ
import Testing
@testable import Inspector

/// A reply to several statements on one line, laid out as psql shows a simple-query string: every result with its
/// own header and tag, notices where they came, an error after the results before it.
@Suite struct MultiStatementLayoutTests {
    private let int4: UInt32 = 23

    private func table(_ name: String, _ values: [String], tag: String? = nil) -> ConsoleReply.Part {
        .result(ConsoleResult(columns: [ConsoleColumn(name: name, typeOID: int4)], rows: values.map { [$0] },
                              commandTag: tag ?? "SELECT \(values.count)"))
    }

    private func command(_ tag: String) -> ConsoleReply.Part {
        .result(ConsoleResult(columns: [], rows: [], commandTag: tag))
    }

    private func texts(_ reply: ConsoleReply, timing: Bool = false, expanded: Bool = false) -> [String] {
        ConsoleTranscript.lines(for: reply, layout: ResultLayout(expanded: expanded), timing: timing, width: 80).map(\.text)
    }

    @Test func everyResultShowsInOrderWithItsOwnHeaderAndTag() {
        let reply = ConsoleReply(statement: "SELECT 1 AS a; UPDATE t SET v = 1; SELECT 2 AS b;", parts: [
            table("a", ["1"]), command("UPDATE 3"), .notice(ServerMessage(severity: "NOTICE", message: "between")), table("b", ["2"]),
        ])
        #expect(texts(reply) == [
            " a", "───", " 1", "(1 row)", "SELECT 1", "",
            "UPDATE 3",
            "NOTICE:  between",
            " b", "───", " 2", "(1 row)", "SELECT 1",
            "",
        ])
    }

    @Test func anErrorInTheMiddleFollowsTheResultsBeforeItAndPointsIntoItsLine() {
        let statement = "SELECT 1 AS a;\nSELECT nope;\nSELECT 3;"
        let error = ServerMessage(sqlState: "42703", message: "column \"nope\" does not exist", position: 23)
        let reply = ConsoleReply(statement: statement, parts: [table("a", ["1"])], ending: .failed(error))
        let lines = texts(reply)
        #expect(Array(lines.prefix(6)) == [" a", "───", " 1", "(1 row)", "SELECT 1", ""])
        #expect(Array(lines.dropFirst(6)) == [
            "ERROR:  column \"nope\" does not exist", "LINE 2: SELECT nope;", "               ^", "SQLSTATE: 42703", "",
        ])
    }

    @Test func timingGoesOnALoneTagElseOnATimeLineOfItsOwn() {
        let lone = ConsoleReply(statement: "UPDATE t SET v = 1;", parts: [command("UPDATE 3")], duration: .microseconds(1_500))
        #expect(texts(lone, timing: true) == ["UPDATE 3, 1.5 ms", ""])
        let several = ConsoleReply(statement: "BEGIN; UPDATE t SET v = 1;", parts: [command("BEGIN"), command("UPDATE 3")],
                                   duration: .microseconds(2_500))
        #expect(texts(several, timing: true) == ["BEGIN", "UPDATE 3", "Time: 2.5 ms", ""])
        #expect(texts(several, timing: false) == ["BEGIN", "UPDATE 3", ""])
    }

    @Test func expandedModeAppliesToEveryResultSet() {
        let reply = ConsoleReply(statement: "SELECT 1 AS a; SELECT 2 AS b;", parts: [table("a", ["1"]), table("b", ["2"])])
        let lines = texts(reply, expanded: true)
        #expect(lines.filter { $0.contains("[ RECORD 1 ]") }.count == 2, "each result set in records:\n\(lines)")
        #expect(lines.contains("a │ 1") && lines.contains("b │ 2"))
    }

    @Test func aCancelFollowsTheResultsThatCameBeforeIt() {
        let reply = ConsoleReply(statement: "SELECT 1 AS a; SELECT pg_sleep(30);", parts: [table("a", ["1"])], ending: .cancelled(nil),
                                 duration: .milliseconds(300))
        #expect(Array(texts(reply, timing: true).suffix(2)) == ["cancelled after 300.0 ms", ""])
        #expect(texts(reply, timing: true).first == " a")
    }

    @Test func theStatusLineNamesEveryTagOrTheError() {
        #expect(ConsoleReply(statement: "", parts: [command("BEGIN"), command("UPDATE 3")]).summary == "BEGIN; UPDATE 3")
        #expect(ConsoleReply(statement: "", parts: [command("BEGIN")], ending: .failed(ServerMessage(message: "boom"))).summary == "ERROR: boom")
    }

    @Test func theScannerCutsAtSemicolonsOutsideLiteralsAndTheDemoAnswersEach() async {
        #expect(SQLScanner("SELECT ';'; SELECT $$a;b$$; -- c;\nSELECT 3").statements == [
            "SELECT ';';", " SELECT $$a;b$$;", " -- c;\nSELECT 3",
        ])
        let console = SimulatedConsole()
        let both = await console.run("SELECT 1; SELECT 'two';")
        #expect(both.results.map(\.rows) == [[["1"]], [["two"]]])
        #expect(both.completed)
        let stopped = await console.run("SELECT 1; SELEC 2; SELECT 3;")
        #expect(stopped.results.count == 1, "the statements after an error do not run")
        guard case .failed(let error) = stopped.ending else {
            Issue.record("the typo did not fail: \(stopped.ending)")
            return
        }
        #expect(error.position == 11, "the position counts in the whole input")
    }
}
