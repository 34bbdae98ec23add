import Testing
@testable import Inspector

/// The console's transcript: bounded, and what it keeps is laid out as if laid out afresh.
@Suite struct ConsoleTranscriptTests {
    private func laidOutAfresh(_ entries: [ConsoleTranscript.Entry], width: Int) -> [StyledLine] {
        var fresh = ConsoleTranscript()
        fresh.lay(width: width)
        for entry in entries { fresh.append(entry) }
        return fresh.lines
    }

    @Test func theOldestEntriesGoPastTheLimitAndTheRestStayAsTheyWere() {
        var transcript = ConsoleTranscript()
        transcript.lay(width: 80)
        let extra = 5
        for index in 0..<(ConsoleTranscript.entryLimit + extra) {
            transcript.append(.input(prompt: "pooltop=# ", text: "select \(index);\nfrom t"))
        }
        #expect(transcript.entries.count == ConsoleTranscript.entryLimit)
        #expect(transcript.entries.first == .input(prompt: "pooltop=# ", text: "select \(extra);\nfrom t"))
        #expect(transcript.lines == laidOutAfresh(transcript.entries, width: 80))
        let start = transcript.append(.note("newest", role: .muted))
        #expect(transcript.lines[start].text == "newest", "append says where its entry begins")
    }

    @Test func aHugeEntryPushesOutTheOldOnesButStaysItself() {
        var transcript = ConsoleTranscript()
        transcript.lay(width: 80)
        transcript.append(.note("old", role: .text))
        let huge = Array(repeating: "x", count: ConsoleTranscript.lineLimit + 10).joined(separator: "\n")
        transcript.append(.note(huge, role: .text))
        #expect(transcript.entries.count == 1)
        #expect(transcript.lines.count == ConsoleTranscript.lineLimit + 10)
    }

    @Test func aNewWidthLaysEverythingOutAgain() {
        var transcript = ConsoleTranscript()
        transcript.lay(width: 80)
        let result = ConsoleResult(columns: [ConsoleColumn(name: "v", typeOID: 25)], rows: [[String(repeating: "y", count: 60)]], commandTag: "SELECT 1")
        transcript.append(.reply(ConsoleReply(statement: "select", result: result), expanded: false, timing: false))
        transcript.lay(width: 30)
        #expect(transcript.lines == laidOutAfresh(transcript.entries, width: 30))
        #expect(transcript.lines.allSatisfy { $0.width <= 30 })
    }
}
