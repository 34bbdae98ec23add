import Testing
@testable import Inspector

@Suite struct DisplayWidthTests {
    @Test func asciiIsOneColumnPerCharacter() {
        #expect(DisplayWidth.of("hello, world") == 12)
        #expect(DisplayWidth.of("") == 0)
    }

    @Test func accentedLettersAreOneColumnPrecomposedOrCombining() {
        #expect(DisplayWidth.of("\u{E9}") == 1)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("caf\u{E9} cafe\u{301}") == 9)
        #expect(DisplayWidth.of(Unicode.Scalar(0x301)!) == 0)
    }

    @Test func cjkAndHangulAreTwoColumns() {
        #expect(DisplayWidth.of("日本語") == 6)
        #expect(DisplayWidth.of("한국어") == 6)
        #expect(DisplayWidth.of("ｈｉ") == 4, "fullwidth forms")
        #expect(DisplayWidth.of("ﾊ") == 1, "halfwidth katakana")
    }

    @Test func emojiClustersAreOneTwoColumnCell() {
        #expect(DisplayWidth.of("👍") == 2)
        #expect(DisplayWidth.of("👍🏽") == 2)
        #expect(DisplayWidth.of("👨‍👩‍👧") == 2)
        #expect(DisplayWidth.of("🇫🇷") == 2)
        #expect(DisplayWidth.of("❤️") == 2, "text heart made emoji by U+FE0F")
        #expect(DisplayWidth.of("❤") == 1)
    }

    @Test func mixedTextAddsUp() {
        #expect(DisplayWidth.of("a日b👍🏽c") == 7)
        #expect(DisplayWidth.of("x\u{200B}y") == 2, "zero-width space")
    }

    @Test func controlsMeasureZeroForTheCallerToReplace() {
        #expect(DisplayWidth.of("a\tb\u{7}") == 2)
        #expect(DisplayWidth.of(Unicode.Scalar(0x85)!) == 0)
    }

    @Test func cutLeavesShortTextAlone() {
        #expect(DisplayWidth.cut("abc", to: 3) == "abc")
        #expect(DisplayWidth.cut("日本", to: 4) == "日本")
    }

    @Test func cutEndsWithAnEllipsisWithinTheWidth() {
        #expect(DisplayWidth.cut("abcdef", to: 4) == "abc…")
        #expect(DisplayWidth.cut("abcdef", to: 1) == "…")
        #expect(DisplayWidth.cut("abcdef", to: 0) == "")
    }

    @Test func cutNeverSplitsAWideCharacterAtAnOddWidth() {
        let cut = DisplayWidth.cut("日本語です", to: 5)
        #expect(cut == "日本…")
        #expect(DisplayWidth.of(cut) == 5)
        let even = DisplayWidth.cut("日本語です", to: 6)
        #expect(even == "日本…", "two wide characters and the ellipsis take 5 of 6 columns")
        #expect(DisplayWidth.of(even) <= 6)
    }

    @Test func cutKeepsAnEmojiClusterWhole() {
        #expect(DisplayWidth.cut("👨‍👩‍👧👨‍👩‍👧", to: 3) == "👨‍👩‍👧…")
        #expect(DisplayWidth.cut("ae\u{301}bcd", to: 3) == "ae\u{301}…")
    }

    @Test func prefixAndPadMeasureByColumns() {
        #expect(DisplayWidth.prefix("日本語", columns: 3) == "日")
        #expect(DisplayWidth.pad("日", to: 4) == "日  ")
        #expect(DisplayWidth.pad("42", to: 4, leading: true) == "  42")
    }
}
