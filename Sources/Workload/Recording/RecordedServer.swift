/// The server as the monitor last saw it: its connections against max_connections, or why it was not reached.
public struct RecordedServer: Sendable, Equatable, Codable {
    public var version: String?
    public var connections: Int?
    public var maxConnections: Int?
    public var unreachable: String?

    public init(_ snapshot: ServerSnapshot) {
        version = snapshot.serverVersion
        connections = snapshot.connections
        maxConnections = snapshot.maxConnections
        if case .unreachable(_, let lastError, _, _) = snapshot.reachability { unreachable = lastError } else { unreachable = snapshot.unavailable }
    }

    enum CodingKeys: String, CodingKey {
        case version, connections, unreachable
        case maxConnections = "max_connections"
    }
}
