import LibPQ
import Testing
import Workload
@testable import Inspector

@Suite struct OtherViewFrameTests {
    @Test(arguments: [Fixtures.compact, Fixtures.full])
    func connectionsTableListsEverySlotWithColumns(size: Size) {
        let frame = Fixtures.frame(.connections, size)
        let header = frame.lines[3]
        for title in ["ID", "PID", "STATE", "KIND", "AGE", "USES", "HOLDER", "TIME", "QUERY"] { #expect(header.contains(title)) }
        #expect(header.contains("ID▲"))
        #expect(frame.lines[2].contains("9/9  sort ID▲"))
        let body = Array(frame.lines[4...])
        #expect(body.contains { $0.contains("4101") && $0.contains("● in-use") && $0.contains("w1") && $0.contains("SELECT pg_s") })
        #expect(body.contains { $0.contains("4109") && $0.contains("! broken") && $0.contains("overflow") })
        // The first row is selected.
        #expect(frame[0, 4].role == .selection && frame[0, 5].role != .selection)
    }

    @Test(arguments: [Fixtures.compact, Fixtures.full])
    func workersTableShowsStarvation(size: Size) {
        let frame = Fixtures.frame(.workers, size)
        for title in ["WORKER", "QUERIES", "SHARE", "ERRORS", "TIMEOUTS", "MAX WAIT"] { #expect(frame.lines[3].contains(title)) }
        guard let row = frame.rows(containing: " w2 ").first else {
            Issue.record("no row for w2")
            return
        }
        #expect(frame.lines[row].contains("waiting") && frame.lines[row].contains("30s"))
        let queriesColumn = frame.lines[row].unicodeScalars.count - frame.lines[row].drop { $0 != "1" }.unicodeScalars.count
        #expect(frame[queriesColumn, row].role == .error)
        #expect(frame.lines[frame.rows(containing: " w1 ").first ?? 0].contains("██████████"))
    }

    @Test(arguments: [Fixtures.compact, Fixtures.full])
    func serverViewShowsBackendsAndWhichAreOurs(size: Size) {
        let frame = Fixtures.frame(.server, size)
        #expect(frame.lines[3].contains("server PostgreSQL 15.18  connections 12/100"))
        #expect(frame.lines.contains { $0.contains("4101") && $0.contains("yes") && $0.contains("active") })
        #expect(frame.lines.contains { $0.contains("5000") && $0.contains("psql") && $0.contains("ClientRead") })
    }

    @Test func serverViewDegradesToNotAvailable() {
        var data = Fixtures.data
        data.server = ServerSnapshot(unavailable: "server unreachable")
        var state = ViewState()
        state.view = .server
        let frame = FrameBuilder.build(data: data, state: state, size: Fixtures.compact)
        #expect(frame.contains("n/a: server unreachable"))
    }

    @Test(arguments: [Fixtures.compact, Fixtures.full])
    func consoleShowsPromptTranscriptAndError(size: Size) {
        let error = ServerMessage(sqlState: "42P01", message: "relation \"nope\" does not exist", position: 15)
        let frame = Fixtures.frame(.console, size) { state in
            state.mode = .prompt
            state.console.show(.input(prompt: "pooltop=# ", text: "select * from nope;"), size: size)
            state.console.receive(ConsoleReply(statement: "select * from nope;", ending: .failed(error), backendPID: 4242), watching: false, size: size)
            state.console.editor = LineEditor(text: "select 1")
        }
        #expect(frame.lines[3].hasPrefix("SQL console  backend 4242"))
        #expect(frame.lines[4].hasPrefix("pooltop=# select * from nope;"))
        guard let errorRow = frame.rows(containing: "ERROR:  relation").first else {
            Issue.record("no error row")
            return
        }
        #expect(frame[0, errorRow].role == .error)
        #expect(frame.lines[errorRow + 2].hasPrefix(String(repeating: " ", count: "LINE 1: ".count + 14) + "^"), "the caret sits under position 15")
        #expect(frame.contains("SQLSTATE: 42P01"))
        let editorRow = size.height - 2
        #expect(frame.lines[editorRow].hasPrefix("pooltop=# select 1"))
        #expect(frame["pooltop=# select 1".count, editorRow].role == .selection, "the cursor shows after the text")
        #expect(frame.lines[size.height - 1].contains("Enter run"))
    }

    @Test(arguments: [Fixtures.compact, Fixtures.full])
    func tooSmallSaysSoAndNeverCrashes(size: Size) {
        let tiny = Size(width: size.width / 3, height: size.height / 3)
        let frame = FrameBuilder.build(data: Fixtures.data, state: ViewState(), size: tiny)
        let words = frame.lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(words.hasPrefix("terminal too small: \(tiny.width)×\(tiny.height), need 60×15"))
    }

    @Test func everySizeDownToZeroBuildsAFrame() {
        for width in [0, 1, 2, 10, 59, 60, 61, 79, 80, 111, 200] {
            for height in [0, 1, 2, 14, 15, 16, 24, 60] {
                for view in ViewKind.allCases {
                    var state = ViewState()
                    state.view = view
                    state.showHelp = width == 60
                    let frame = FrameBuilder.build(data: Fixtures.data, state: state, size: Size(width: width, height: height))
                    #expect(frame.lines.count == height)
                }
            }
        }
    }

    @Test(arguments: [Fixtures.compact, Fixtures.full])
    func helpOverlayListsEveryKeyOfTheTable(size: Size) {
        var state = ViewState()
        state.showHelp = true
        var seen = Set<String>()
        // Scroll through the overlay page by page until every line has been seen.
        for top in stride(from: 0, to: 80, by: 5) {
            state.helpTop = top
            let frame = FrameBuilder.build(data: Fixtures.data, state: state, size: size)
            for line in frame.lines { seen.insert(line) }
        }
        let text = seen.joined(separator: "\n")
        for binding in KeyMap.bindings {
            #expect(text.contains(binding.keyLabel + " "), "help misses \(binding.keyLabel)")
            if size == Fixtures.full { #expect(text.contains(binding.summary), "help misses \(binding.summary)") }
        }
        for group in KeyBinding.Group.allCases { #expect(text.contains(group.rawValue)) }
    }

    @Test(arguments: ViewKind.allCases)
    func asciiModeDrawsNoUnicode(view: ViewKind) {
        for size in [Fixtures.compact, Fixtures.full, Size(width: 40, height: 10)] {
            let frame = Fixtures.frame(view, size, ascii: true) { $0.showHelp = view == .workers }
            let offending = frame.lines.joined().unicodeScalars.filter { !$0.isASCII }
            #expect(offending.isEmpty, "non-ASCII in \(view) at \(size): \(String(String.UnicodeScalarView(offending)))")
        }
    }

    @Test func asciiModeStillMarksEverySlotState() {
        let frame = Fixtures.frame(.dashboard, Fixtures.full, ascii: true)
        let core = frame.rows(containing: "core 5/5").first ?? 0
        let line = String(frame.lines[core].dropFirst(20)) + String(frame.lines[core + 1].dropFirst(20))
        #expect(line.filter { "#o?~@+x!".contains($0) }.count == Fixtures.slots.count)
    }
}
