/// One of pgbouncer's pools (a database and user pair), as SHOW POOLS reports it: its clients, active or
/// waiting for a server connection, and its server connections by state.
public struct PgBouncerPool: Sendable, Equatable, Identifiable {
    public var database: String
    public var user: String
    /// Clients linked to a server connection, or idle with nothing to run.
    public var clientsActive: Int
    /// Clients that sent a query and wait for a server connection: the waiting pooltop cannot see from outside.
    public var clientsWaiting: Int
    /// Server connections linked to a client.
    public var serversActive: Int
    /// Server connections ready for a client.
    public var serversIdle: Int
    /// Server connections idle long enough to be checked (server_check_query) before reuse.
    public var serversUsed: Int
    /// Server connections being tested or reset.
    public var serversTested: Int
    /// Server connections logging in.
    public var serversLogin: Int
    /// How long the oldest waiting client has waited (`maxwait` and `maxwait_us`).
    public var maxWait: Duration
    /// session, transaction or statement; empty before 1.12.
    public var mode: String

    public var id: String { "\(database)/\(user)" }

    /// Every server connection the pool holds, in whatever state.
    public var servers: Int { serversActive + serversIdle + serversUsed + serversTested + serversLogin }

    public init(
        database: String, user: String, clientsActive: Int = 0, clientsWaiting: Int = 0, serversActive: Int = 0, serversIdle: Int = 0,
        serversUsed: Int = 0, serversTested: Int = 0, serversLogin: Int = 0, maxWait: Duration = .zero, mode: String = ""
    ) {
        self.database = database
        self.user = user
        self.clientsActive = clientsActive
        self.clientsWaiting = clientsWaiting
        self.serversActive = serversActive
        self.serversIdle = serversIdle
        self.serversUsed = serversUsed
        self.serversTested = serversTested
        self.serversLogin = serversLogin
        self.maxWait = maxWait
        self.mode = mode
    }

    /// The pool a SHOW POOLS row describes, by column name; nil without a database.
    init?(_ row: AdminTable.Row) {
        guard let database = row.text("database") else { return nil }
        self.init(
            database: database, user: row.text("user") ?? "",
            clientsActive: row.count("cl_active"), clientsWaiting: row.count("cl_waiting"),
            serversActive: row.count("sv_active"), serversIdle: row.count("sv_idle"), serversUsed: row.count("sv_used"),
            serversTested: row.count("sv_tested"), serversLogin: row.count("sv_login"),
            maxWait: row.duration(seconds: "maxwait", micros: "maxwait_us"), mode: row.text("pool_mode") ?? "")
    }

    /// The pools of a SHOW POOLS result.
    static func pools(in table: AdminTable) -> [PgBouncerPool] {
        table.rows.compactMap(PgBouncerPool.init)
    }
}
