import CLibPQ
import Synchronization

/// A message the server sent beside a result: NOTICE, WARNING, INFO, DEBUG or LOG, with psql's fields.
public struct ServerNotice: Sendable, Equatable {
    public var severity: String
    public var sqlState: String?
    public var message: String
    public var detail: String?
    public var hint: String?
    /// 1-based character position in the statement.
    public var position: Int?

    init(result: OpaquePointer) {
        let fields = PostgresError(kind: .queryFailed, result: result)
        severity = fields.severity ?? "NOTICE"
        sqlState = fields.sqlState
        message = fields.message
        detail = fields.detail
        hint = fields.hint
        position = fields.position
    }
}

/// Keeps the notices a connection's server sent (libpq's notice receiver), the newest `limit` of them, until
/// they are taken. The receiver runs on the thread that reads the connection's results.
final class NoticeInbox: Sendable {
    static let limit = 100

    private let notices = Mutex<[ServerNotice]>([])

    /// Replaces the handshake's silent notice processor with this inbox. The inbox must outlive the connection.
    func install(on connection: OpaquePointer) {
        PQsetNoticeReceiver(connection, { argument, result in
            guard let argument, let result else { return }
            Unmanaged<NoticeInbox>.fromOpaque(argument).takeUnretainedValue().add(ServerNotice(result: result))
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    func take() -> [ServerNotice] {
        notices.withLock { notices in
            defer { notices = [] }
            return notices
        }
    }

    private func add(_ notice: ServerNotice) {
        notices.withLock { notices in
            notices.append(notice)
            if notices.count > Self.limit { notices.removeFirst(notices.count - Self.limit) }
        }
    }
}
