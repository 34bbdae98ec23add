import Testing
@testable import Inspector

@Suite struct LineEditorTests {
    private func editor(typing keys: [EditingKey], from text: String = "") -> (LineEditor, [EditResult]) {
        var editor = LineEditor(text: text)
        let results = keys.map { editor.apply($0) }
        return (editor, results)
    }

    @Test func insertsAtTheCursorAndMovesByGrapheme() {
        let (editor, _) = editor(typing: [.insert("ac"), .left, .insert("b"), .end, .insert("e\u{301}"), .left, .insert("d")])
        #expect(editor.text == "abcde\u{301}")
        #expect(editor.cursorColumn == 4)
    }

    @Test func cursorColumnCountsDisplayColumns() {
        let (editor, _) = editor(typing: [.insert("日本👍🏽x"), .left])
        #expect(editor.cursorColumn == 6)
    }

    @Test func homeAndEndStayOnTheCurrentLine() {
        var editor = LineEditor(text: "select 1\nfrom t")
        #expect(editor.apply(.home) == .edited)
        #expect(editor.cursorRow == 1)
        #expect(editor.cursorColumn == 0)
        _ = editor.apply(.up)
        _ = editor.apply(.end)
        #expect(editor.cursorRow == 0)
        #expect(editor.cursorColumn == 8)
    }

    @Test func killsToLineEndAndStart() {
        var (editor, _) = editor(typing: [.home, .right, .right, .right, .killToLineEnd], from: "abcdef")
        #expect(editor.text == "abc")
        _ = editor.apply(.left)
        _ = editor.apply(.killToLineStart)
        #expect(editor.text == "c")
        #expect(editor.cursorColumn == 0)
        #expect(editor.apply(.killToLineStart) == .unchanged)
    }

    @Test func killToLineEndAtTheEndJoinsTheNextLine() {
        var editor = LineEditor(text: "a\nb")
        _ = editor.apply(.up)
        _ = editor.apply(.end)
        _ = editor.apply(.killToLineEnd)
        #expect(editor.lines == ["ab"])
    }

    @Test func killWordBeforeRemovesTheWordAndTheSpacesAfterIt() {
        var editor = LineEditor(text: "select foo.bar  ")
        _ = editor.apply(.killWordBefore)
        #expect(editor.text == "select ")
        _ = editor.apply(.killWordBefore)
        #expect(editor.text == "")
        #expect(editor.apply(.killWordBefore) == .unchanged)
    }

    @Test func backspaceAndDeleteJoinLinesAtTheEdges() {
        var editor = LineEditor(text: "ab\ncd")
        _ = editor.apply(.home)
        _ = editor.apply(.backspace)
        #expect(editor.lines == ["abcd"])
        #expect(editor.cursorColumn == 2)
        _ = editor.apply(.delete)
        #expect(editor.text == "abd")
        _ = editor.apply(.home)
        #expect(editor.apply(.backspace) == .unchanged)
        _ = editor.apply(.end)
        #expect(editor.apply(.delete) == .unchanged)
    }

    @Test func pastedTextWithNewlinesBecomesLines() {
        var editor = LineEditor(text: "XY")
        _ = editor.apply(.left)
        _ = editor.apply(.insert("select 1\r\nfrom t\nwhere "))
        #expect(editor.lines == ["Xselect 1", "from t", "where Y"])
        #expect(editor.cursorRow == 2)
        #expect(editor.cursorColumn == 6)
    }

    @Test func upAndDownPastTheEdgesAskForHistory() {
        var editor = LineEditor(text: "日本\nabcd")
        #expect(editor.apply(.down) == .beyondBottom)
        _ = editor.apply(.left)
        #expect(editor.apply(.up) == .edited)
        #expect(editor.cursorColumn == 2, "column 3 falls inside 本, so the cursor stops before it")
        #expect(editor.apply(.up) == .beyondTop)
    }

    @Test func enterSubmitsAStatementEndingInSemicolonAndEmptiesTheEditor() {
        var editor = LineEditor(text: "select 1; -- done")
        #expect(editor.apply(.enter) == .submitted(Submission(text: "select 1; -- done", sql: "select 1; -- done", metaCommand: nil)))
        #expect(editor.isEmpty)
        #expect(editor.apply(.enter) == .unchanged)
    }

    @Test func enterContinuesWhileTheStatementIsOpen() {
        let open = ["select 1", "select ';'", "select \"a;\"", "select $$;$$ || $x$ ; $x", "select /* ; */ 1 /* /* */ ;",
                    "select (1;", "select E'it\\';"]
        for text in open {
            var editor = LineEditor(text: text)
            #expect(editor.apply(.enter) == .edited, "\(text)")
            #expect(editor.lines.count == 2, "\(text)")
        }
        let complete = ["select ';';", "select $tag$ ; $tag$;", "select /* /* */ */ 1;", "select (1);", "select E'it\\'s';",
                        "select a$b;", "select $1;"]
        for text in complete {
            var editor = LineEditor(text: text)
            #expect(editor.apply(.enter) != .edited, "\(text)")
        }
    }

    @Test func backslashCommandSubmitsOnItsLine() {
        var editor = LineEditor(text: "\\watch 2")
        #expect(editor.apply(.enter) == .submitted(Submission(text: "\\watch 2", sql: "", metaCommand: "\\watch 2")))
        var query = LineEditor(text: "select now()\n\\watch 5")
        #expect(query.apply(.enter) == .submitted(Submission(text: "select now()\n\\watch 5", sql: "select now()", metaCommand: "\\watch 5")))
        var quoted = LineEditor(text: "select '\\x")
        #expect(quoted.apply(.enter) == .edited, "a backslash inside a literal is not a command")
    }

    @Test func promptMarkersShowWhatIsOpen() {
        let editor = LineEditor(text: "select 'a\nb' /* c\nd */ (\ne\n)")
        #expect((0..<5).map { editor.promptMarker(row: $0) } == ["=", "'", "*", "(", "("])
        #expect(LineEditor(text: "select\n1").promptMarker(row: 1) == "-")
        #expect(LineEditor(text: "select $f$\nx").open == .dollarQuote(tag: "$f$"))
        #expect(LineEditor(text: "select 1").open == nil)
    }
}
