import Foundation
import Testing

/// SIGQUIT, from `kill -QUIT` or from Ctrl-\ (which the screen's raw mode turns into that signal, as a cooked
/// terminal does): pooltop quits at once, the shell gets its terminal back in cooked mode, and the exit status is
/// 128 + 3, as for the other signals.
@Suite(.serialized)
struct QuitSignalScreenTests {
    /// A shell in tmux running `pooltop demo`, its dashboard up; returns the session and pooltop's pid.
    private func startDemo() throws -> (TmuxSession, Int32) {
        let session = try TmuxSession(command: "exec bash --norc --noprofile", width: 100, height: 32)
        try session.send("PS1='shell> '", "Enter")
        try session.send("\(Binary.path) demo", "Enter")
        let dashboard = try session.waitForScreen(timeout: .seconds(15)) { $0.contains("pool_size 5") }
        #expect(dashboard.contains("load RUNNING"), "no dashboard:\n\(dashboard)")
        let shell = try session.panePID()
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return (session, children.split(separator: " ").compactMap { Int32($0) }.first ?? -1)
    }

    /// After pooltop ended: its status, and the terminal modes the shell sees (`icanon echo` when cooked).
    private func shellAfterwards(_ session: TmuxSession) throws -> String {
        let back = try session.waitForScreen(timeout: .seconds(15)) { $0.contains("shell> ") && !$0.contains("pool_size 5") }
        #expect(!back.contains("pool_size 5"), "pooltop still on screen:\n\(back)")
        try session.send("echo status=$? modes: $(stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo)' | tr '\\n' ' ')", "Enter")
        // The typed line starts with the prompt; the shell's answer starts with "status=".
        return try session.waitForScreen(timeout: .seconds(10)) { $0.split(separator: "\n").contains { $0.hasPrefix("status=") } }
    }

    private func expectCleanQuit(_ screen: String) {
        #expect(screen.contains("status=131"), "not 128 + SIGQUIT:\n\(screen)")
        #expect(screen.contains("modes: icanon echo"), "the terminal is not back in cooked mode:\n\(screen)")
        #expect(!screen.contains("core dumped") && !screen.contains("Quit"), "pooltop died of the signal instead of handling it:\n\(screen)")
    }

    @Test("kill -QUIT restores the terminal like SIGTERM and exits 131")
    func externalQuitSignal() throws {
        let (session, pooltop) = try startDemo()
        defer { session.close() }
        try #require(pooltop > 0, "pooltop's pid not found under the shell")
        #expect(kill(pooltop, SIGQUIT) == 0)
        expectCleanQuit(try shellAfterwards(session))
    }

    @Test("Ctrl-\\ quits at once as a cooked terminal's SIGQUIT would, and the terminal comes back cooked")
    func controlBackslash() throws {
        let (session, _) = try startDemo()
        defer { session.close() }
        try session.send("-H", "1c")
        expectCleanQuit(try shellAfterwards(session))
    }
}
