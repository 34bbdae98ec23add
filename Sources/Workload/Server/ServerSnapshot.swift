/// What the server sees (pg_stat_activity), or why it cannot be seen.
public struct ServerSnapshot: Sendable, Equatable {
    public struct Backend: Sendable, Equatable {
        public var pid: Int32
        public var applicationName: String
        public var state: String
        public var waitEvent: String?
        public var query: String
        public var queryFor: Duration?
        public init(pid: Int32, applicationName: String, state: String, waitEvent: String? = nil, query: String = "", queryFor: Duration? = nil) {
            self.pid = pid
            self.applicationName = applicationName
            self.state = state
            self.waitEvent = waitEvent
            self.query = query
            self.queryFor = queryFor
        }
    }
    public var serverVersion: String?
    public var maxConnections: Int?
    /// All client backends on the server.
    public var connections: Int?
    public var backends: [Backend]
    /// Set when the panel is degraded: the reason, e.g. "n/a: server unreachable".
    public var unavailable: String?
    /// Whether the monitor reaches the server (on the monitor's clock until the source shifts it).
    public var reachability: ServerReachability

    public init(serverVersion: String? = nil, maxConnections: Int? = nil, connections: Int? = nil, backends: [Backend] = [], unavailable: String? = nil,
                reachability: ServerReachability = .unknown) {
        self.serverVersion = serverVersion
        self.maxConnections = maxConnections
        self.connections = connections
        self.backends = backends
        self.unavailable = unavailable
        self.reachability = reachability
    }
}
