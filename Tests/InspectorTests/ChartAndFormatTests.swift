import Testing
@testable import Inspector

@Suite struct ChartAndFormatTests {
    private func chart(_ style: ChartStyle, _ values: [Double], width: Int = 4, height: Int = 2) -> Frame {
        var frame = Frame(width: width, height: height)
        ChartRenderer(style: style).draw([.init(values: values, role: .chart)], maximum: 8, into: &frame, x: 0, y: 0, width: width, height: height)
        return frame
    }

    @Test func brailleHoldsTwoSamplesPerCellNewestAtTheRight() {
        let frame = chart(.braille, [8, 4])
        // Full left column (4 dots over 2 rows = both cells), right column half: bottom row full, top row empty.
        #expect(frame.lines[1] == "   ⣿")
        #expect(frame.lines[0] == "   ⡇")
    }

    @Test func blocksUseEighths() {
        let frame = chart(.blocks, [2, 8])
        #expect(frame.lines[1] == "  ▄█")
        #expect(frame.lines[0] == "   █")
    }

    @Test func asciiSeriesEachGetTheirOwnCharacter() {
        var frame = Frame(width: 2, height: 1)
        ChartRenderer(style: .ascii).draw([.init(values: [8, 8], role: .overflow), .init(values: [0, 8], role: .inUse)], maximum: 8, into: &frame, x: 0, y: 0, width: 2, height: 1)
        #expect(frame.lines[0] == "#+")
        #expect(frame[1, 0].role == .inUse && frame[0, 0].role == .overflow)
    }

    @Test func niceMaximumRoundsUp() {
        #expect(ChartsView.niceMaximum(0) == 1)
        #expect(ChartsView.niceMaximum(3.2) == 5)
        #expect(ChartsView.niceMaximum(480) == 500)
        #expect(ChartsView.niceMaximum(1000) == 1000)
    }

    @Test func durationsReadShort() {
        #expect(Format.duration(.microseconds(850)) == "850µs")
        #expect(Format.duration(.milliseconds(12)) == "12ms")
        #expect(Format.duration(.milliseconds(1250)) == "1.3s")
        #expect(Format.duration(.seconds(185)) == "3m05s")
        #expect(Format.clock(.seconds(3725)) == "01:02:05")
    }

    @Test func asciiModeWritesMicrosecondsAsUs() {
        var unicode = Frame(width: 6, height: 1)
        unicode.put(Format.duration(.microseconds(850)), x: 0, y: 0)
        #expect(unicode.lines[0] == "850µs ")
        var ascii = Frame(width: 6, height: 1, asciiOnly: true)
        ascii.put(Format.duration(.microseconds(850)), x: 0, y: 0)
        #expect(ascii.lines[0] == "850us ")
    }

    @Test func wideAndControlCharactersCannotBreakTheGrid() {
        var frame = Frame(width: 10, height: 1)
        frame.put("a\tb漢c\u{301}d", x: 0, y: 0)
        #expect(frame.lines[0] == "a b漢c\u{301}d   ")
        #expect(DisplayWidth.of(frame.lines[0]) == 10)
        #expect(frame[3, 0].width == 2 && frame[4, 0].width == 0)
        var ascii = Frame(width: 4, height: 1, asciiOnly: true)
        ascii.put("é●", x: 0, y: 0)
        #expect(ascii.lines[0] == "??  ")
    }

    @Test func headerShortensTheServerVersionToItsNumber() {
        #expect(HeaderView.shortVersion("15.18 (Debian 15.18-0+deb12u1)") == "PostgreSQL 15.18")
        #expect(HeaderView.shortVersion("PostgreSQL 16.4 on x86_64-pc-linux-gnu") == "PostgreSQL 16.4")
    }
}
