import CCurses
import Foundation
import Synchronization

/// Owns "is curses active" so the terminal can be restored exactly once from any thread or exit path.
public enum TerminalGuard {
    private static let active = Mutex(false)
    private static let restoreWanted = Mutex(false)
    private static let raised = Mutex<Int32?>(nil)

    /// Set by `InspectorApp.restoreTerminal()` from another thread: the UI thread should end curses itself.
    static var restoreRequested: Bool { restoreWanted.withLock { $0 } }
    static func requestRestore() { restoreWanted.withLock { $0 = true } }

    static func open() -> Bool {
        active.withLock { active in
            guard !active else { return false }
            active = pt_open() == 0
            if active { restoreWanted.withLock { $0 = false } }
            return active
        }
    }

    static var isActive: Bool { active.withLock { $0 } }

    /// Ends curses mode if it is active (endwin): normal quit, errors, and the executable's signal handling.
    static func restore() {
        active.withLock { active in
            guard active else { return }
            pt_close()
            active = false
        }
    }

    /// The signal the screen sent its own process group (Ctrl-\ sends SIGQUIT). It is recorded before it is sent:
    /// the exit status must say 128 + it even when the main path ends before the signal's handler has run.
    public static var raisedSignal: Int32? { raised.withLock { $0 } }

    /// Restores the terminal, then sends `signal` to the foreground process group as a cooked tty would.
    static func raise(_ signal: Int32) {
        restore()
        raised.withLock { $0 = $0 ?? signal }
        kill(0, signal)
    }
}
