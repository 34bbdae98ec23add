import Synchronization

/// Where a fake step (a connect, a statement) waits while a test holds it: closed, tasks wait in `pass()`;
/// `open()` lets them all through.
final class FakeGate: Sendable {
    private struct State {
        var closed = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Tasks waiting in `pass()`.
    var waitingCount: Int { state.withLock { $0.waiting.count } }

    /// From now on `pass()` waits until `open()`.
    func close() { state.withLock { $0.closed = true } }

    /// Lets the waiting tasks through and stops holding new ones.
    func open() {
        let waiting = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.closed = false
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }

    /// Returns at once while open; otherwise once the gate opens.
    func pass() async {
        guard state.withLock({ $0.closed }) else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { state -> Bool in
                guard state.closed else { return true }
                state.waiting.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }
}
