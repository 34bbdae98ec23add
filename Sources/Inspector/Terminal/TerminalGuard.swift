import CCurses
import Synchronization

/// Owns "is curses active" so the terminal can be restored exactly once from any thread or exit path.
enum TerminalGuard {
    private static let active = Mutex(false)
    private static let restoreWanted = Mutex(false)

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
}
