import Testing
@testable import Inspector

@Suite struct WideCellFrameTests {
    @Test func wideCharacterTakesACellAndItsContinuation() {
        var frame = Frame(width: 6, height: 1)
        #expect(frame.put("a日b", x: 0, y: 0) == 4)
        #expect(frame[1, 0].scalar == "日")
        #expect(frame[1, 0].width == 2)
        #expect(frame[2, 0].width == 0)
        #expect(frame[3, 0].scalar == "b")
        #expect(frame.lines == ["a日b  "])
    }

    @Test func wideCharacterThatWouldStraddleTheEdgeBecomesASpace() {
        var frame = Frame(width: 4, height: 1)
        frame.put("abc日", x: 0, y: 0)
        #expect(frame.lines == ["abc "])
        #expect(frame[3, 0].width == 1)
        var limited = Frame(width: 8, height: 1)
        limited.put("xxxxxxxx", x: 0, y: 0)
        #expect(limited.put("日本語", x: 0, y: 0, limit: 5) == 5)
        #expect(limited.lines == ["日本 xxx"])
    }

    @Test func overwritingEitherHalfClearsTheOther() {
        var frame = Frame(width: 4, height: 1)
        frame.put("日本", x: 0, y: 0)
        frame.put("x", x: 1, y: 0)
        #expect(frame.lines == [" x本"])
        frame.put("y", x: 2, y: 0)
        #expect(frame.lines == [" xy "])
        #expect((0..<4).allSatisfy { frame[$0, 0].width == 1 })
    }

    @Test func wideOverWideAtAnOffsetLeavesNoHalves() {
        var frame = Frame(width: 5, height: 1)
        frame.put("日本", x: 0, y: 0)
        frame.put("語", x: 1, y: 0)
        #expect(frame.lines == [" 語  "])
        #expect(frame[0, 0].width == 1)
        #expect(frame[3, 0].width == 1)
    }

    @Test func fillAndSubscriptRespectWideCharacters() {
        var frame = Frame(width: 6, height: 1)
        frame.put("日本語", x: 0, y: 0)
        frame.fill(x: 3, y: 0, width: 2, height: 1)
        #expect(frame.lines == ["日    "])
        frame[1, 0] = Cell("z")
        #expect(frame.lines == [" z    "])
    }

    @Test func emojiClusterKeepsItsScalarsInOneCell() {
        var frame = Frame(width: 6, height: 1)
        frame.put("👍🏽!", x: 0, y: 0)
        #expect(frame[0, 0].scalar == "👍")
        #expect(frame[0, 0].marks == "🏽")
        #expect(frame[2, 0].scalar == "!")
        #expect(frame.lines == ["👍🏽!   "])
    }

    @Test func combiningMarkStaysWithItsLetter() {
        var frame = Frame(width: 3, height: 1)
        frame.put("e\u{301}x", x: 0, y: 0)
        #expect(frame.lines == ["e\u{301}x "])
        #expect(frame[1, 0].scalar == "x")
    }

    @Test func putRightMeasuresByDisplayWidth() {
        var frame = Frame(width: 6, height: 1)
        frame.putRight("日本", right: 6, y: 0)
        #expect(frame.lines == ["  日本"])
    }

    @Test func asciiModeShowsOneQuestionMarkPerCharacter() {
        var frame = Frame(width: 6, height: 1, asciiOnly: true)
        frame.put("a日e\u{301}", x: 0, y: 0)
        #expect(frame.lines == ["a??   "])
    }

    @Test func recolouringHalfAWideCharacterRecoloursBoth() {
        var frame = Frame(width: 4, height: 1)
        frame.put("日", x: 0, y: 0)
        frame.recolor(x: 1, y: 0, width: 1, role: .selection)
        #expect(frame[0, 0].role == .selection)
        #expect(frame[1, 0].role == .selection)
    }

    @Test func wideCharacterCutAtTheLeftEdgeLeavesASpace() {
        var frame = Frame(width: 4, height: 1)
        frame.put("日本", x: -1, y: 0)
        #expect(frame.lines == [" 本 "])
    }
}
