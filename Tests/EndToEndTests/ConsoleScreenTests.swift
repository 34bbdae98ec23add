import Foundation
import Testing

/// The SQL console in a real terminal against the embedded cluster: answers, cancelling with Esc and Ctrl-C on
/// the same backend, a transaction holding its slot on the dashboard, and the history file's modes.
@Suite(.serialized)
struct ConsoleScreenTests {
    /// The bound the issue states for a cancel to show.
    static let cancelBound: Duration = .seconds(1)

    @Test("the console answers, Esc and Ctrl-C cancel on the same backend, BEGIN holds a slot, history is 0600 in 0700")
    func consoleSession() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("pooltop-e2e-state-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        // No load and LIFO idle order: the console gets back the connection it gave back, unless that one was lost.
        let session = try TmuxSession(
            command: "exec env XDG_STATE_HOME=\(state) \(Binary.path) --workers 0 --idle-order lifo", width: 120, height: 40)
        defer { session.close() }
        let dashboard = try session.waitForScreen(timeout: .seconds(60)) { $0.contains("pool_size 5") }
        #expect(dashboard.contains("pool_size 5"), "dashboard did not appear:\n\(dashboard)")

        try session.send("5")
        let answer = try run("SELECT 42 AS answer;", in: session)
        #expect(Self.values(after: "SELECT 42 AS answer;", in: answer) == ["42"], "no 42 under answer:\n\(answer)")

        let pid = try backendPID(in: session)
        #expect(pid != nil, "no backend pid shown")

        for key in ["Escape", "C-c"] {
            let latency = try cancelLatency(key: key, in: session)
            #expect(latency != nil && latency! < Self.cancelBound, "\(key): no 'cancelled' within \(Self.cancelBound) (took \(String(describing: latency)))")
            #expect(try !session.paneIsDead(), "pooltop quit on \(key) while a statement ran")
            #expect(try backendPID(in: session) == pid, "after \(key) the next statement ran on another backend")
        }

        try run("BEGIN;", in: session)
        try session.send("Escape", "1")
        let held = try session.waitForScreen(timeout: .seconds(10)) { $0.contains("Console holds slot") }
        let holding = held.split(separator: "\n").filter { $0.contains("Console holds slot") }
        #expect(holding.count == 1 && holding[0].contains("in transaction"), "dashboard does not show one slot held by the console:\n\(held)")

        try session.send("q")
        let question = try session.waitForScreen(timeout: .seconds(5)) { $0.contains("roll it back and quit") }
        #expect(question.contains("roll it back and quit"), "quitting with a transaction open did not ask:\n\(question)")
        try session.send("y")
        #expect(try eventually(timeout: .seconds(15)) { try session.paneIsDead() }, "pooltop still running after y")

        #expect(mode(of: state + "/pooltop") == 0o700, "history folder mode")
        #expect(mode(of: state + "/pooltop/history") == 0o600, "history file mode")
        let history = (try? String(contentsOfFile: state + "/pooltop/history", encoding: .utf8)) ?? ""
        #expect(history.contains("SELECT 42 AS answer;"), "history file lacks the statements:\n\(history)")
    }

    @discardableResult
    private func run(_ statement: String, in session: TmuxSession) throws -> String {
        try session.runStatement(statement)
    }

    /// The single-column values below the last echo of `statement`: the lines between the rule and `(n rows)`.
    private static func values(after statement: String, in screen: String) -> [String] {
        guard let echo = screen.range(of: statement, options: .backwards) else { return [] }
        let lines = screen[echo.upperBound...].split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let rule = lines.firstIndex(where: { $0.hasPrefix("─") }) else { return [] }
        return Array(lines[(rule + 1)...].prefix { !$0.hasPrefix("(") })
    }

    private func backendPID(in session: TmuxSession) throws -> Int32? {
        let screen = try run("SELECT pg_backend_pid();", in: session)
        return Self.values(after: "SELECT pg_backend_pid();", in: screen).first.flatMap { Int32($0) }
    }

    /// Starts a long sleep, presses `key` once it runs, and measures until "cancelled" shows.
    private func cancelLatency(key: String, in session: TmuxSession) throws -> Duration? {
        let statement = "SELECT pg_sleep(30);"
        let cancelled = try session.capture().components(separatedBy: "cancelled after").count
        try session.send(statement.replacingOccurrences(of: ";", with: "\\;"), "Enter")
        let running = try session.waitForScreen(timeout: .seconds(15)) { $0.contains("running") }
        guard running.contains("running") else { return nil }
        let clock = ContinuousClock()
        let pressed = clock.now
        try session.send(key)
        while clock.now - pressed < .seconds(10) {
            if try session.capture().components(separatedBy: "cancelled after").count > cancelled { return clock.now - pressed }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return nil
    }

    private func mode(of path: String) -> Int? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Int(status.st_mode & 0o777)
    }
}
