import Synchronization

/// Writes the console's history file off the UI thread. The UI thread hands over the newest entries (`save`,
/// which never blocks); `run`, a child task of the app, writes them on a thread of its own, so a slow disk's
/// open, write and fsync stall neither the screen nor the cooperative pool. Entries handed over while a write
/// runs replace any not yet written (each save is the whole history). When the app ends, `run` writes what is
/// still pending before it returns: no statement entered is lost.
final class HistoryWriter: Sendable {
    /// The writer's state machine.
    private enum Phase {
        /// Nothing to write; the writer task is parked here (its continuation) or has not come yet.
        case waiting(CheckedContinuation<Void, Never>?)
        /// Entries to write, not yet taken by the writer (it may be writing older ones).
        case pending([String])
        /// A write runs and nothing newer came.
        case writing
        /// The app ended and everything was written: a late save is written at once, by its caller.
        case finished
    }

    private struct State {
        var phase = Phase.waiting(nil)
        /// The app is ending: write what is pending, then finish.
        var ending = false
    }

    private let file: HistoryFile
    private let state = Mutex(State())

    init(file: HistoryFile) {
        self.file = file
    }

    /// From the UI thread: the history to write, oldest first. Returns at once (or, after `run` ended, writes).
    func save(_ entries: [String]) {
        let (resume, late) = state.withLock { state -> (CheckedContinuation<Void, Never>?, Bool) in
            switch state.phase {
            case .waiting(let parked):
                state.phase = .pending(entries)
                return (parked, false)
            case .pending, .writing:
                state.phase = .pending(entries)
                return (nil, false)
            case .finished:
                return (nil, true)
            }
        }
        resume?.resume()
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
            case .waiting, .finished: false
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

    /// The next entries to write, waiting for them; nil once the app ends with nothing pending.
    private func next() async -> [String]? {
        while true {
            enum Step { case write([String]), finish, park }
            let step = state.withLock { state -> Step in
                switch state.phase {
                case .pending(let entries):
                    state.phase = .writing
                    return .write(entries)
                case .writing, .waiting(nil):
                    if state.ending {
                        state.phase = .finished
                        return .finish
                    }
                    state.phase = .waiting(nil)
                    return .park
                case .waiting(.some), .finished:
                    return .finish
                }
            }
            switch step {
            case .write(let entries):
                return entries
            case .finish:
                return nil
            case .park:
                await withTaskCancellationHandler {
                    await withCheckedContinuation { continuation in
                        let resumeNow = state.withLock { state -> Bool in
                            guard !state.ending, case .waiting(nil) = state.phase else { return true }
                            state.phase = .waiting(continuation)
                            return false
                        }
                        if resumeNow { continuation.resume() }
                    }
                } onCancel: {
                    let parked = state.withLock { state -> CheckedContinuation<Void, Never>? in
                        state.ending = true
                        guard case .waiting(let parked?) = state.phase else { return nil }
                        state.phase = .waiting(nil)
                        return parked
                    }
                    parked?.resume()
                }
            }
        }
    }
}
