import CLibPQ

/// The application_name libpq sent when it opened a connection: the target's own (or PGAPPNAME's), else the
/// fallback pooltop gives. What the server's pg_stat_activity and pgbouncer's SHOW CLIENTS list for it.
enum SentApplicationName {
    static func of(_ connection: OpaquePointer) -> String {
        guard let options = PQconninfo(connection) else { return "" }
        defer { PQconninfoFree(options) }
        var given = ""
        var fallback = ""
        var cursor = options
        while let keyword = cursor.pointee.keyword {
            let value = cursor.pointee.val.map { String(cString: $0) } ?? ""
            switch String(cString: keyword) {
            case "application_name": given = value
            case "fallback_application_name": fallback = value
            default: break
            }
            cursor += 1
        }
        return given.isEmpty ? fallback : given
    }
}
