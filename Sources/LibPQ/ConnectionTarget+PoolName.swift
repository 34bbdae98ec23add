import CLibPQ

extension ConnectionTarget {
    /// `host:port/database` as libpq would resolve them (the target's own, else the PG* environment and
    /// libpq's defaults): OpenTelemetry's default pool name. Never the user's password: a database name
    /// that is itself a connection string is not shown.
    public var poolName: String {
        let defaults = Self.defaultValues()
        let host = resolved("host", defaults) ?? resolved("hostaddr", defaults) ?? "localhost"
        let port = resolved("port", defaults) ?? "5432"
        return "\(host):\(port)/\(database(defaults))"
    }

    /// The database libpq would ask for (the target's dbname, else the PG* environment's, else the user's name);
    /// "postgres" when the name is itself a connection string, which may hold a password.
    public var database: String { database(Self.defaultValues()) }

    private func database(_ defaults: [String: String]) -> String {
        let database = resolved("dbname", defaults) ?? resolved("user", defaults) ?? "postgres"
        return database.contains("=") || database.contains("://") ? "postgres" : database
    }

    /// The target's own value for `keyword`, else libpq's default; nil when empty.
    private func resolved(_ keyword: String, _ defaults: [String: String]) -> String? {
        let given = options.last { $0.keyword == keyword }?.value ?? defaults[keyword]
        return given?.isEmpty == false ? given : nil
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
