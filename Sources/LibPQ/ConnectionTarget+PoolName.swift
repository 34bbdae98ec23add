import CLibPQ

extension ConnectionTarget {
    /// `host:port/database` as libpq would resolve them (the target's own, else the PG* environment and
    /// libpq's defaults): OpenTelemetry's default pool name. Never the user's password: a database name
    /// that is itself a connection string is not shown.
    public var poolName: String {
        let defaults = Self.defaultValues()
        func value(_ keyword: String) -> String? {
            let given = options.last { $0.keyword == keyword }?.value ?? defaults[keyword]
            return given?.isEmpty == false ? given : nil
        }
        let host = value("host") ?? value("hostaddr") ?? "localhost"
        let port = value("port") ?? "5432"
        var database = value("dbname") ?? value("user") ?? "postgres"
        if database.contains("=") || database.contains("://") { database = "postgres" }
        return "\(host):\(port)/\(database)"
    }

    /// libpq's defaults with the PG* environment applied, by keyword.
    private static func defaultValues() -> [String: String] {
        guard let defaults = PQconndefaults() else { return [:] }
        defer { PQconninfoFree(defaults) }
        var values: [String: String] = [:]
        var cursor = defaults
        while let keyword = cursor.pointee.keyword {
            if let value = cursor.pointee.val { values[String(cString: keyword)] = String(cString: value) }
            cursor += 1
        }
        return values
    }
}
