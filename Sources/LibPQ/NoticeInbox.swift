import CLibPQ
import Synchronization

/// Keeps the notices a connection's server sent (libpq's notice receiver), the newest `limit` of them, until
/// they are taken. The receiver runs on the thread that reads the connection's results, while libpq parses
/// them, so a notice is in the inbox before the result that followed it on the wire is handed over.
final class NoticeInbox: Sendable {
    static let limit = 100

    private let notices = Mutex<[ServerMessage]>([])

    /// Replaces the handshake's silent notice processor with this inbox. The inbox must outlive the connection.
    func install(on connection: OpaquePointer) {
        PQsetNoticeReceiver(connection, { argument, result in
            guard let argument, let result else { return }
            Unmanaged<NoticeInbox>.fromOpaque(argument).takeUnretainedValue().add(ServerMessage(notice: result))
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    func take() -> [ServerMessage] {
        notices.withLock { notices in
            defer { notices = [] }
            return notices
        }
    }

    private func add(_ notice: ServerMessage) {
        notices.withLock { notices in
            notices.append(notice)
            if notices.count > Self.limit { notices.removeFirst(notices.count - Self.limit) }
        }
    }
}
