#if canImport(Dispatch)
import Dispatch
#endif
import CLibPQ

/// libpq's cancel object for one backend (PQgetCancel), freed when the last holder lets go.
///
/// `@unchecked Sendable` invariant: `PQcancel` is documented thread-safe on a PGcancel, and the
/// object is only freed in `deinit`, when no `send()` can be running.
final class CancelToken: @unchecked Sendable {
    private let cancel: OpaquePointer

    init?(connection: OpaquePointer) {
        guard let cancel = PQgetCancel(connection) else { return nil }
        self.cancel = cancel
    }

    deinit { PQfreeCancel(cancel) }

    /// Sends the cancel request on a worker thread (PQcancel blocks while it connects); best effort.
    func send() {
        DispatchQueue.global().async { [self] in
            var errorBuffer = [CChar](repeating: 0, count: 256)
            _ = PQcancel(cancel, &errorBuffer, Int32(errorBuffer.count))
        }
    }
}
