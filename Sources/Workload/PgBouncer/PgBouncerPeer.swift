/// A client or a server connection as SHOW CLIENTS or SHOW SERVERS reports it (the two share their columns).
/// `link` names the peer: for a client the server connection it holds, for a server the client it serves.
public struct PgBouncerPeer: Sendable, Equatable {
    /// C (client) or S (server).
    public var type: String
    public var user: String
    public var database: String
    /// E.g. active, waiting, idle, used, tested, login.
    public var state: String
    public var address: String
    public var port: Int
    /// pgbouncer's handle for this connection; a peer's `link` holds it.
    public var pointer: String
    /// The peer's `pointer`; empty when unlinked.
    public var link: String
    /// For a server, the backend's pid; for a client on a unix socket, the client process's pid (0: unknown).
    public var remotePID: Int32
    public var applicationName: String
    /// How long a waiting client has waited (`wait` and `wait_us`; zero for servers).
    public var wait: Duration

    public init(
        type: String, user: String, database: String, state: String, address: String = "", port: Int = 0, pointer: String,
        link: String = "", remotePID: Int32 = 0, applicationName: String = "", wait: Duration = .zero
    ) {
        self.type = type
        self.user = user
        self.database = database
        self.state = state
        self.address = address
        self.port = port
        self.pointer = pointer
        self.link = link
        self.remotePID = remotePID
        self.applicationName = applicationName
        self.wait = wait
    }

    /// The peer a SHOW CLIENTS or SHOW SERVERS row describes, by column name; nil without its `ptr`.
    init?(_ row: AdminTable.Row) {
        guard let pointer = row.text("ptr") else { return nil }
        self.init(
            type: row.text("type") ?? "", user: row.text("user") ?? "", database: row.text("database") ?? "",
            state: row.text("state") ?? "", address: row.text("addr") ?? "", port: row.count("port"), pointer: pointer,
            link: row.text("link") ?? "", remotePID: Int32(clamping: row.count("remote_pid")),
            applicationName: row.text("application_name") ?? "", wait: row.duration(seconds: "wait", micros: "wait_us"))
    }

    static func peers(in table: AdminTable) -> [PgBouncerPeer] {
        table.rows.compactMap(PgBouncerPeer.init)
    }
}

/// A server connection and the client it serves, joined by `link`: who holds which server connection.
public struct PgBouncerLink: Sendable, Equatable {
    public var server: PgBouncerPeer
    /// nil when the server serves no client (idle, used, tested) or the client left between the two SHOWs.
    public var client: PgBouncerPeer?

    /// Every server, with the client whose `ptr` its `link` names (or whose `link` names the server). SHOW SERVERS
    /// is read after SHOW CLIENTS, so the server's side wins: a client an active server serves is active, whatever
    /// its older row said (it may have been waiting a moment before).
    public static func join(servers: [PgBouncerPeer], clients: [PgBouncerPeer]) -> [PgBouncerLink] {
        var byPointer: [String: PgBouncerPeer] = [:]
        var byLink: [String: PgBouncerPeer] = [:]
        for client in clients {
            byPointer[client.pointer] = client
            if !client.link.isEmpty { byLink[client.link] = client }
        }
        return servers.map { server in
            var client = server.link.isEmpty ? byLink[server.pointer] : byPointer[server.link] ?? byLink[server.pointer]
            if server.state == "active", client?.state.hasPrefix("waiting") == true {
                client?.state = "active"
                client?.wait = .zero
            }
            return PgBouncerLink(server: server, client: client)
        }
    }
}
