import Testing
@testable import Inspector

@Suite struct ResultLayoutTests {
    private let int4: UInt32 = 23
    private let text: UInt32 = 25

    private func result(_ columns: [(String, UInt32)], _ rows: [[String?]], total: Int? = nil, tag: String? = nil) -> ConsoleResult {
        ConsoleResult(columns: columns.map { ConsoleColumn(name: $0.0, typeOID: $0.1) }, rows: rows, totalRows: total,
                      commandTag: tag ?? "SELECT \(total ?? rows.count)")
    }

    @Test func tableLooksLikePsqlWithTheFooter() {
        var answer = result([("answer", int4), ("name", text)], [["42", "ab"], ["7", "c"]])
        answer.duration = .microseconds(1_234)
        let lines = ResultLayout().lines(for: answer, width: 80).map(\.text)
        #expect(lines == [
            " answer │ name", "────────┼──────", "     42 │ ab  ", "      7 │ c   ", "(2 rows)", "SELECT 2, 1.2 ms",
        ])
    }

    @Test func nullIsAMarkerInItsOwnRoleAndTheEmptyStringIsBlank() {
        let lines = ResultLayout().lines(for: result([("v", text)], [[nil], [""], ["NULL"]]), width: 40)
        #expect(lines[2].runs.last == StyledLine.Run(text: "NULL", role: .null))
        #expect(lines[3].text == "     ")
        #expect(!lines[3].runs.contains { $0.role == .null })
        #expect(lines[4].runs.last == StyledLine.Run(text: "NULL", role: .text))
    }

    @Test func numbersAlignRightTextLeft() {
        let lines = ResultLayout().lines(for: result([("n", 1700), ("t", text)], [["1.5", "x"], ["100", "yyy"]]), width: 40)
        #expect(lines[2].text == " 1.5 │ x  ")
        #expect(lines[3].text == " 100 │ yyy")
        #expect(ConsoleColumn(name: "", typeOID: 20).isNumeric && ConsoleColumn(name: "", typeOID: 701).isNumeric)
        #expect(!ConsoleColumn(name: "", typeOID: 1043).isNumeric)
    }

    @Test func wideValuesAlignByDisplayWidth() {
        let lines = ResultLayout().lines(for: result([("v", text), ("n", int4)], [["日本", "1"], ["👍🏽", "2"], ["ab", "3"]]), width: 40)
        let separators = lines[2...4].map { line in DisplayWidth.of(line.text.prefix { $0 != "│" }) }
        #expect(separators == [6, 6, 6])
        #expect(lines[3].text == " 👍🏽   │ 2")
    }

    @Test func longValuesAreCutWithAnEllipsisAtTheMaximumWidth() {
        let layout = ResultLayout(maxColumnWidth: 5)
        let lines = layout.lines(for: result([("v", text)], [["abcdefgh"], ["日本語です"]]), width: 40)
        #expect(lines[2].text == " abcd…")
        #expect(lines[3].text == " 日本…")
        #expect(DisplayWidth.of(lines[3].text) == 6)
    }

    @Test func columnsShrinkToFitANarrowWidth() {
        let lines = ResultLayout().lines(for: result([("a", text), ("b", text)], [[String(repeating: "x", count: 30), "short"]]), width: 20)
        #expect(lines.allSatisfy { $0.width <= 20 })
        #expect(lines[2].text.contains("…"))
    }

    @Test func newlinesInValuesShowAsReturnSymbols() {
        let lines = ResultLayout().lines(for: result([("v", text)], [["a\nb\tc"]]), width: 40)
        #expect(lines[2].text == " a↵b c")
    }

    @Test func boundedRowsSayHowManyMoreThereWere() {
        let lines = ResultLayout().lines(for: result([("n", int4)], [["1"], ["2"]], total: 1_000), width: 40).map(\.text)
        #expect(lines.suffix(3) == ["… and 998 more rows", "(1000 rows)", "SELECT 1000"])
    }

    @Test func commandWithoutRowsShowsItsTagAndTime() {
        let insert = ConsoleResult(columns: [], rows: [], commandTag: "INSERT 0 1", duration: .microseconds(400))
        let lines = ResultLayout().lines(for: insert, width: 40)
        #expect(lines.map(\.text) == ["INSERT 0 1, 0.4 ms"])
    }

    @Test func expandedModeIsPsqlRecords() {
        let layout = ResultLayout(expanded: true)
        let answer = result([("datname", text), ("oid", 26)], [["postgres", "5"], [nil, "1"]])
        let lines = layout.lines(for: answer, width: 80)
        #expect(lines.map(\.text) == [
            "─[ RECORD 1 ]─────", "datname │ postgres", "oid     │ 5",
            "─[ RECORD 2 ]─────", "datname │ NULL", "oid     │ 1", "(2 rows)", "SELECT 2",
        ])
        #expect(lines[4].runs.last?.role == .null)
    }

    @Test func expandedRuleCrossesUnderTheSeparatorWhenNamesAreLong() {
        let layout = ResultLayout(expanded: true, ascii: true)
        let lines = layout.lines(for: result([("a_rather_long_name", text)], [["value"]]), width: 80).map(\.text)
        #expect(lines[0] == "-[ RECORD 1 ]------+------")
        #expect(lines[1] == "a_rather_long_name | value")
        #expect(lines[0].firstIndex(of: "+")?.utf16Offset(in: lines[0]) == lines[1].firstIndex(of: "|")?.utf16Offset(in: lines[1]))
    }
}
