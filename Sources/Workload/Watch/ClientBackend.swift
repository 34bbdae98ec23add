/// Who a client pool is, as pg_stat_activity tells its connections apart: one row of the watch's table.
public struct ClientPoolKey: Sendable, Hashable, Comparable {
    public var application: String
    /// client_addr, "local" for a Unix socket, "" when hidden.
    public var clientAddress: String
    public var user: String
    public var database: String

    public init(application: String, clientAddress: String, user: String, database: String) {
        self.application = application
        self.clientAddress = clientAddress
        self.user = user
        self.database = database
    }

    public static func < (a: ClientPoolKey, b: ClientPoolKey) -> Bool {
        (a.application, a.clientAddress, a.user, a.database) < (b.application, b.clientAddress, b.user, b.database)
    }
}

/// One client backend of a watched server (pg_stat_activity, the watch's own session left out).
public struct ClientBackend: Sendable, Equatable {
    public var pid: Int32
    public var pool: ClientPoolKey
    public var state: ClientState
    /// "Lock:transactionid", nil when not waiting.
    public var waitEvent: String?
    /// Since xact_start; nil outside a transaction (or hidden).
    public var transactionAge: Duration?
    /// Since query_start: how long the statement runs (active) or since the last one began (idle).
    public var queryAge: Duration?
    public var query: String

    public init(pid: Int32, pool: ClientPoolKey, state: ClientState, waitEvent: String? = nil, transactionAge: Duration? = nil,
                queryAge: Duration? = nil, query: String = "") {
        self.pid = pid
        self.pool = pool
        self.state = state
        self.waitEvent = waitEvent
        self.transactionAge = transactionAge
        self.queryAge = queryAge
        self.query = query
    }

    /// A statement is running (or waiting on a lock), so `queryAge` is how long it has run.
    public var isRunning: Bool { state == .active || state == .waitingOnLock }
}
