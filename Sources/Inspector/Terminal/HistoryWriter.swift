import Synchronization
import Waiting

/// Writes the console's history file off the UI thread. The UI thread hands over the newest entries (`save`,
/// which never blocks); `run`, a child task of the app, writes them on a thread of its own, so a slow disk's
/// open, write and fsync stall neither the screen nor the cooperative pool. Entries handed over while a write
/// runs replace any not yet written (each save is the whole history). When the app ends, `run` writes what is
/// still pending before it returns: no statement entered is lost.
final class HistoryWriter: Sendable {
    /// The writer's state machine.
    private enum Phase {
        /// Nothing to write.
        case idle
        /// Entries to write, not yet taken by the writer (it may be writing older ones).
        case pending([String])
        /// A write runs and nothing newer came.
        case writing
        /// The app ended and everything was written: a late save is written at once, by its caller.
        case finished
    }

    private struct State {
        var phase = Phase.idle
        /// The writer task, parked while there is nothing to write.
        var writer = ParkedTasks<Void, Void>()
    }

    private let file: HistoryFile
    private let state = Mutex(State())

    init(file: HistoryFile) {
        self.file = file
    }

    /// From the UI thread: the history to write, oldest first. Returns at once (or, after `run` ended, writes).
    func save(_ entries: [String]) {
        let (woken, late) = state.withLock { state -> ([CheckedContinuation<Void, Never>], Bool) in
            if case .finished = state.phase { return ([], true) }
            state.phase = .pending(entries)
            return (state.writer.removeAll(), false)
        }
        for continuation in woken { continuation.resume() }
        if late { try? file.save(entries) }
    }

    /// True while a write runs with nothing newer handed over yet (for tests).
    var isWriting: Bool {
        state.withLock { if case .writing = $0.phase { true } else { false } }
    }

    /// True while entries handed over are not yet on disk (pending or being written).
    var isBusy: Bool {
        state.withLock { state in
            switch state.phase {
            case .pending, .writing: true
            case .idle, .finished: false
            }
        }
    }

    /// Writes what `save` hands over until the calling task is cancelled; then writes what is still pending and
    /// returns. A failed write is posted as a status line (the next save tries again).
    func run(inbox: Inbox) async {
        while let entries = await next() {
            do throws(HistoryFileError) {
                try await ScreenThread.run(named: "pooltop-history", { () throws(HistoryFileError) in try self.file.save(entries) },
                                           onCancel: {})
            } catch {
                inbox.post(.status(error.description))
            }
        }
    }

    /// The next entries to write, waiting for them; nil once the task is cancelled with nothing pending.
    private func next() async -> [String]? {
        while true {
            let taken = state.withLock { state -> [String]?? in
                if case .pending(let entries) = state.phase {
                    state.phase = .writing
                    return .some(entries)
                }
                if Task.isCancelled {
                    state.phase = .finished
                    return .some(nil)
                }
                state.phase = .idle
                return nil
            }
            if let taken { return taken }
            await state.park(in: \.writer, ifCancelled: ()) { state in
                if case .pending = state.phase { () } else { nil }
            }
        }
    }
}
