import Foundation

/// A thread of its own for work that blocks: the screens' UI thread (ncurses wants one thread, and waiting for keys
/// must not block Swift's cooperative pool), and the history's writes (a slow disk's fsync).
enum ScreenThread {
    /// Runs `loop` on a thread of its own until it returns; cancelling the calling task calls `onCancel`, which
    /// should ask the loop to end.
    static func run<T: Sendable, E: Error>(named name: String, _ loop: @escaping @Sendable () throws(E) -> T,
                                           onCancel: @escaping @Sendable () -> Void) async throws(E) -> T {
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, E>, Never>) in
                let thread = Thread {
                    continuation.resume(returning: Result { () throws(E) in try loop() })
                }
                thread.name = name
                thread.start()
            }
        } onCancel: {
            onCancel()
        }
        return try outcome.get()
    }
}
