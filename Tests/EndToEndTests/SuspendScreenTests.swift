import Foundation
import Testing

/// Ctrl-Z then `fg`: the screen reads keys in raw mode (so Ctrl-C can cancel a console statement),
/// so pooltop stops itself as a cooked terminal would, and the shell gets a sane terminal back.
@Suite(.serialized)
struct SuspendScreenTests {
    @Test("Ctrl-Z stops pooltop and gives the shell a sane terminal; fg brings the screen back")
    func suspendAndResume() throws {
        let session = try TmuxSession(command: "exec bash --norc --noprofile", width: 100, height: 32)
        defer { session.close() }
        try session.send("PS1='shell> '", "Enter")
        try session.send("\(Binary.path) demo", "Enter")
        let dashboard = try session.waitForScreen(timeout: .seconds(15)) { $0.contains("pool_size 5") }
        #expect(dashboard.contains("load RUNNING"), "no dashboard:\n\(dashboard)")

        try session.send("C-z")
        let stopped = try session.waitForScreen(timeout: .seconds(10)) { $0.contains("Stopped") }
        #expect(stopped.contains("Stopped") && !stopped.contains("pool_size 5"), "Ctrl-Z did not stop pooltop:\n\(stopped)")
        // The shell echoes what is typed: the terminal is out of curses mode.
        try session.send("echo sane-$((6*7))", "Enter")
        let echoed = try session.waitForScreen(timeout: .seconds(10)) { $0.contains("sane-42") }
        #expect(echoed.contains("echo sane-$((6*7))") && echoed.contains("sane-42"), "the shell's terminal is not sane:\n\(echoed)")

        try session.send("fg", "Enter")
        let back = try session.waitForScreen(timeout: .seconds(10)) { $0.contains("pool_size 5") && $0.contains("load RUNNING") }
        #expect(back.contains("pool_size 5") && !back.contains("sane-42"), "fg did not redraw the screen:\n\(back)")
        try session.send("q")
        let shell = try session.waitForScreen(timeout: .seconds(10)) { $0.contains("shell> ") && !$0.contains("pool_size 5") }
        #expect(!shell.contains("pool_size 5"), "pooltop still on screen after q:\n\(shell)")
    }
}
