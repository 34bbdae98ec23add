import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The running postmaster. Its supervisor thread (the thread that spawned it, so the kernel's
/// parent-death signal follows that thread) waits for it to exit and reaps it; signals are only
/// ever sent while it is known not to be reaped, so a recycled pid is never hit.
final class ServerProcess: Sendable {
    enum State: Sendable, Equatable {
        case running
        case exited
    }

    let pid: pid_t
    private let state = Mutex(State.running)

    init(pid: pid_t) {
        self.pid = pid
    }

    var hasExited: Bool { state.withLock { $0 == .exited } }

    /// Sends `signal` unless the server has exited.
    func send(_ signal: Int32) {
        state.withLock { state in
            if state == .running { kill(pid, signal) }
        }
    }

    /// Blocks the supervisor thread until the server exits, marks it exited, then reaps it.
    func superviseUntilExit() {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR {}
        state.withLock { $0 = .exited }
        _ = ChildProcess.waitForExit(of: pid)
    }

    /// Stops the server: SIGINT (fast shutdown), then SIGQUIT (immediate), then SIGKILL, each
    /// given a few seconds. Returns once it has exited.
    func terminate() {
        for (signal, patience) in [(SIGINT, 5.0), (SIGQUIT, 2.0), (SIGKILL, 5.0)] {
            send(signal)
            if waitForExit(seconds: patience) { return }
        }
    }

    private func waitForExit(seconds: Double) -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while !hasExited {
            if ContinuousClock.now >= deadline { return false }
            usleep(5_000)
        }
        return true
    }
}
