import Dispatch
import Foundation
import Synchronization

/// Runs registered clean-up steps exactly once, on every way out: normal exit, a thrown error,
/// SIGINT, SIGTERM, SIGHUP and SIGQUIT (an external `kill -QUIT`, or Ctrl-\ on the screen, which
/// raw mode turns into that signal as a cooked terminal would). Steps run in reverse order of registration (the terminal is
/// restored before the cluster stops, so late messages land on a sane screen).
final class Termination: Sendable {
    static let shared = Termination()

    private struct State {
        var steps: [@Sendable () -> Void] = []
        var sources: [RetainedSource] = []
        /// The first signal that arrived: the process ends with 128 + it, whichever path exits first.
        var signal: Int32?
    }

    private let state = Mutex(State())
    /// Held while the steps run, so a second caller (the main path finishing while a signal's
    /// clean-up is still removing the cluster) waits for them instead of exiting under them.
    private let cleanedUp = Mutex(false)
    private let queue = DispatchQueue(label: "pooltop.signals")

    /// Adds a clean-up step; it also runs if a signal arrives before the caller finishes.
    func onExit(_ step: @escaping @Sendable () -> Void) {
        state.withLock { $0.steps.append(step) }
    }

    /// Installs the signal handlers. A signal runs the clean-up, then exits 128 + signal.
    func installSignalHandlers() {
        let sources = [SIGINT, SIGTERM, SIGHUP, SIGQUIT].map { number -> RetainedSource in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [self] in
                signalArrived(number)
                runCleanUp()
                exit(128 + number)
            }
            source.resume()
            return RetainedSource(source: source)
        }
        state.withLock { $0.sources = sources }
    }

    /// Records `number` as the signal the process ends with, unless one arrived before it.
    func signalArrived(_ number: Int32) {
        state.withLock { $0.signal = $0.signal ?? number }
    }

    /// The status to exit with: 128 + the signal when one arrived (its clean-up lets the main path return too,
    /// and that path must not end the process with its own status), else `status`.
    func exitStatus(_ status: Int32) -> Int32 {
        state.withLock { $0.signal.map { 128 + $0 } } ?? status
    }

    /// Runs the clean-up steps once. A call made while they run waits until they have finished;
    /// later calls do nothing.
    func runCleanUp() {
        cleanedUp.withLock { done in
            guard !done else { return }
            done = true
            let steps = state.withLock { $0.steps }
            for step in steps.reversed() { step() }
        }
    }
}

/// Keeps a signal source alive for the life of the process. It is only retained, never used
/// again after `resume()`, so sharing the reference across threads is safe.
private struct RetainedSource: @unchecked Sendable {
    let source: any DispatchSourceSignal
}
