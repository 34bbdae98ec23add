import Synchronization

/// What the data and command tasks hand to the UI thread, behind one lock.
final class Inbox: Sendable {
    enum Message: Sendable, Equatable {
        case status(String)
        case sqlResult(String)
        /// A console statement's reply; `watching` while a `\watch` goes on.
        case console(ConsoleReply, watching: Bool)
    }

    struct State {
        var latest: DashboardData?
        var messages: [Message] = []
        var quit = false
        var collectInterval: Duration = .milliseconds(100)
        var frozen = false
    }

    private let state = Mutex(State())

    func publish(_ data: DashboardData) { state.withLock { $0.latest = data } }
    func post(_ message: Message) { state.withLock { $0.messages.append(message) } }
    func requestQuit() { state.withLock { $0.quit = true } }
    var quitRequested: Bool { state.withLock { $0.quit } }

    /// The collector's pace, and whether it may rest because the display is frozen.
    var collectPace: (interval: Duration, frozen: Bool) { state.withLock { ($0.collectInterval, $0.frozen) } }
    func setPace(interval: Duration, frozen: Bool) {
        state.withLock {
            $0.collectInterval = interval
            $0.frozen = frozen
        }
    }

    /// The newest data (kept) and every message since the last call (removed).
    func take() -> (DashboardData?, [Message]) {
        state.withLock { state in
            let messages = state.messages
            state.messages = []
            return (state.latest, messages)
        }
    }
}
