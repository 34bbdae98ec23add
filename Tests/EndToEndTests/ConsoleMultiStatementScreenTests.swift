import Foundation
import Testing

/// Several statements on one console line, in a real terminal against the embedded cluster, as psql shows a
/// simple-query string: every result in order with its own header and tag, an error after the results before it,
/// `\x` and `\watch` over all of them.
@Suite(.serialized)
struct ConsoleMultiStatementScreenTests {
    @Test("every statement's result shows in order, an error stops the rest, \\x and \\watch take the whole line")
    func severalStatementsOnALine() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("pooltop-e2e-multi-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let session = try TmuxSession(command: "exec env XDG_STATE_HOME=\(state) \(Binary.path) --workers 0", width: 170, height: 50)
        defer { session.close() }
        let dashboard = try session.waitForScreen(timeout: .seconds(60)) { $0.contains("pool_size 5") }
        #expect(dashboard.contains("pool_size 5"), "dashboard did not appear:\n\(dashboard)")
        try session.send("5")

        let line = "SELECT 1 AS first_col; CREATE TEMP TABLE e2e_t AS SELECT generate_series(1, 3) AS v; UPDATE e2e_t SET v = v + 1; SELECT sum(v) AS total FROM e2e_t;"
        let answer = TmuxSession.answer(to: line, in: try session.runStatement(line))
        let order = ["first_col", "SELECT 3", "UPDATE 3", "total", "9"].compactMap { word in answer.firstIndex(of: word) }
        #expect(order.count == 5 && order == order.sorted(), "the four results are not all there in order:\n\(answer.joined(separator: "\n"))")
        #expect(answer.filter { $0 == "(1 row)" }.count == 2, "each result set has its own footer:\n\(answer.joined(separator: "\n"))")
        #expect(answer.contains { $0.hasPrefix("Time: ") }, "no time for the line:\n\(answer.joined(separator: "\n"))")

        let failing = "SELECT 'before' AS b; SELECT nope; SELECT 'after' AS c;"
        let failed = TmuxSession.answer(to: failing, in: try session.runStatement(failing))
        let before = failed.firstIndex(of: "before"), error = failed.firstIndex { $0.hasPrefix("ERROR:  column \"nope\" does not exist") }
        #expect(before != nil && error != nil && before! < error!, "the result before the error, then the error:\n\(failed.joined(separator: "\n"))")
        #expect(failed.contains { $0.hasPrefix("LINE 1: ") } && !failed.contains("after"), "the caret line and nothing after the error:\n\(failed.joined(separator: "\n"))")

        try session.runStatement("\\x")
        let expandedLine = "SELECT 1 AS xa; SELECT 2 AS xb;"
        let expanded = TmuxSession.answer(to: expandedLine, in: try session.runStatement(expandedLine))
        #expect(expanded.filter { $0.contains("[ RECORD 1 ]") }.count == 2 && expanded.contains("xa │ 1") && expanded.contains("xb │ 2"),
                "\\x does not lay out both results as records:\n\(expanded.joined(separator: "\n"))")
        try session.runStatement("\\x")

        try session.send("SELECT 'one' AS w1; SELECT 'two' AS w2 \\watch 1", "Enter")
        let watched = try session.waitForScreen(timeout: .seconds(20)) { $0.components(separatedBy: "\n").filter { $0.trimmingCharacters(in: .whitespaces) == "two" }.count >= 3 }
        let watchedLines = watched.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(watchedLines.filter { $0 == "two" }.count >= 3, "\\watch did not re-run both statements:\n\(watched)")
        if let lastTwo = watchedLines.lastIndex(of: "two"), let lastOne = watchedLines.lastIndex(of: "one") {
            #expect(lastOne < lastTwo, "each run shows the first statement's result before the second's")
        }
        try session.send("Escape")
        let stopped = try session.waitForScreen(timeout: .seconds(10)) { $0.contains("\\watch stopped") }
        #expect(stopped.contains("\\watch stopped"), "Esc did not stop the watch:\n\(stopped)")

        try session.send("Escape", "q")
        #expect(try eventually(timeout: .seconds(15)) { try session.paneIsDead() }, "pooltop still running after q")
        let history = (try? String(contentsOfFile: state + "/pooltop/history", encoding: .utf8)) ?? ""
        #expect(history.contains(line) && history.contains(failing), "the history lacks the lines:\n\(history)")
    }
}
