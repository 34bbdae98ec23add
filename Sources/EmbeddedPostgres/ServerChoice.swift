extension EmbeddedPostgres {
    /// The environment variables that name a server for libpq; any of them set means the user
    /// chose a server. (PGHOSTADDR names one as surely as PGHOST does.)
    public static let serverNamingVariables = ["PGHOST", "PGHOSTADDR", "PGDATABASE", "PGSERVICE"]

    /// Whether pooltop should start a throwaway cluster: no `--url`/conninfo was given and the
    /// environment names no server.
    public static func isNeeded(target: String?, environment: [String: String]) -> Bool {
        guard target?.isEmpty ?? true else { return false }
        return serverNamingVariable(in: environment) == nil
    }

    /// The first of `serverNamingVariables` set (non-empty) in `environment`, or nil when none names a server.
    public static func serverNamingVariable(in environment: [String: String]) -> String? {
        serverNamingVariables.first { !(environment[$0] ?? "").isEmpty }
    }

    /// PG* variables that point libpq tools (psql, pgbench) at this cluster over its socket.
    public var environment: [String: String] {
        ["PGHOST": socketDirectory, "PGPORT": "\(port)", "PGUSER": "postgres", "PGDATABASE": "postgres"]
    }
}
