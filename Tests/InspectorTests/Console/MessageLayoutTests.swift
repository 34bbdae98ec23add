import LibPQ
import Testing
@testable import Inspector

@Suite struct MessageLayoutTests {
    @Test func errorShowsEveryFieldPsqlStyle() {
        let error = ServerMessage(sqlState: "42703", message: "column \"nme\" does not exist", detail: "d", hint: "Perhaps you meant \"name\".",
                                  position: 8)
        let lines = MessageLayout.lines(for: error, statement: "SELECT nme FROM t;", width: 80).map(\.text)
        #expect(lines == [
            "ERROR:  column \"nme\" does not exist", "LINE 1: SELECT nme FROM t;", "               ^", "DETAIL:  d",
            "HINT:  Perhaps you meant \"name\".", "SQLSTATE: 42703",
        ])
    }

    @Test func caretFindsItsLineInAMultiLineStatement() {
        let statement = "SELECT a,\n       日本,\n  FORM t;"
        let position = Array(statement.unicodeScalars).firstIndex(of: "F")! + 1
        let lines = MessageLayout.excerpt(of: statement, position: position, width: 80).map(\.text)
        #expect(lines == ["LINE 3:   FORM t;", "          ^"])
        let wide = MessageLayout.excerpt(of: statement, position: 19, width: 80).map(\.text)
        #expect(wide[0] == "LINE 2:        日本,")
        #expect(wide[1] == String(repeating: " ", count: 8 + 7 + 2) + "^", "after one wide character")
    }

    @Test func positionPastTheEndPointsJustAfterTheLastCharacter() {
        let lines = MessageLayout.excerpt(of: "SELECT (1", position: 10, width: 80).map(\.text)
        #expect(lines == ["LINE 1: SELECT (1", "                 ^"])
    }

    @Test func longLineShowsAWindowAroundThePosition() {
        let statement = "SELECT " + (1...60).map { "c\($0)" }.joined(separator: ", ") + ", oops FROM t"
        let position = Array(statement.unicodeScalars).count - 10
        let lines = MessageLayout.excerpt(of: statement, position: position, width: 60).map(\.text)
        #expect(lines[0].hasPrefix("LINE 1: ..."))
        #expect(DisplayWidth.of(lines[0]) <= 60)
        let caret = lines[1].count - 1
        let under = lines[0][lines[0].index(lines[0].startIndex, offsetBy: caret)...]
        #expect(under.hasPrefix("oops"))
    }

    @Test func noticesAreNotErrors() {
        let notice = ServerMessage(severity: "NOTICE", sqlState: "00000", message: "relation \"t\" already exists, skipping")
        let lines = MessageLayout.lines(for: notice, width: 80)
        #expect(lines.map(\.text) == ["NOTICE:  relation \"t\" already exists, skipping"])
        #expect(lines[0].runs.allSatisfy { $0.role != .error })
    }

    @Test func multiLineDetailKeepsItsLines() {
        let error = ServerMessage(message: "m", detail: "first\nsecond")
        #expect(MessageLayout.lines(for: error, width: 80).map(\.text) == ["ERROR:  m", "DETAIL:  first", "second"])
    }
}
