import Foundation

/// The screens' UI thread: ncurses wants one thread, and waiting for keys must not block Swift's cooperative pool.
enum ScreenThread {
    /// Runs `loop` on a thread of its own until it returns; cancelling the calling task calls `onCancel`, which
    /// should ask the loop to end.
    static func run<T: Sendable>(named name: String, _ loop: @escaping @Sendable () throws(InspectorError) -> T,
                                 onCancel: @escaping @Sendable () -> Void) async throws -> T {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let thread = Thread {
                    do throws(InspectorError) {
                        continuation.resume(returning: try loop())
                    } catch {
                        continuation.resume(throwing: error)
                    }
                }
                thread.name = name
                thread.start()
            }
        } onCancel: {
            onCancel()
        }
    }
}
