/// What the watch reads from the server, and how a row becomes a `ClientBackend`.
enum ClientActivity {
    /// Client backends but the watch's own. Without pg_read_all_stats another user's row has NULL state,
    /// backend_type and client_addr (its application, user and database still show): such a row is kept as
    /// hidden when it has a database and a user, which background processes lack.
    static let query = """
        SELECT pid, coalesce(application_name, ''), \
        CASE WHEN state IS NULL THEN '' WHEN client_addr IS NULL THEN 'local' ELSE host(client_addr) END, \
        coalesce(usename::text, ''), coalesce(datname::text, ''), state, wait_event_type, wait_event, \
        extract(epoch FROM clock_timestamp() - xact_start)::float8, \
        extract(epoch FROM clock_timestamp() - query_start)::float8, \
        left(coalesce(query, ''), 1000) \
        FROM pg_stat_activity \
        WHERE pid <> pg_backend_pid() \
        AND (backend_type = 'client backend' OR (backend_type IS NULL AND datid IS NOT NULL AND usesysid IS NOT NULL))
        """

    /// The version, the watch's own backend pid, and the connection limits by name.
    static let settingsQuery = """
        SELECT current_setting('server_version'), pg_backend_pid()::text, name, setting \
        FROM pg_settings WHERE name = ANY($1::text[])
        """
    static var settingsParameters: [String?] { ["{" + ConnectionLimit.settingNames.joined(separator: ",") + "}"] }

    static func backend(_ row: [String?]) -> ClientBackend? {
        guard row.count >= 11, let pid = row[0].flatMap({ Int32($0) }) else { return nil }
        let state = ClientState(state: row[5], waitEventType: row[6])
        let key = ClientPoolKey(application: row[1] ?? "", clientAddress: row[2] ?? "", user: row[3] ?? "", database: row[4] ?? "")
        let waitEvent = row[6].map { type in row[7].map { type + ":" + $0 } ?? type }
        return ClientBackend(pid: pid, pool: key, state: state, waitEvent: waitEvent, transactionAge: seconds(row[8]),
                             queryAge: seconds(row[9]), query: state == .hidden ? "" : row[10] ?? "")
    }

    /// The settings rows: (version, own pid, limit).
    static func settings(_ rows: [[String?]]) -> (version: String?, pid: Int32?, limit: ConnectionLimit?) {
        var named: [String: String] = [:]
        for row in rows where row.count >= 4 {
            if let name = row[2], let value = row[3] { named[name] = value }
        }
        let first = rows.first
        return (first?[0] ?? nil, first?[1].flatMap { Int32($0) }, ConnectionLimit(settings: named))
    }

    private static func seconds(_ text: String?) -> Duration? {
        text.flatMap(Double.init).map { .seconds(max(0, $0)) }
    }
}
