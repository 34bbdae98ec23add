/// How many client connections the server takes from ordinary roles: max_connections less the slots kept for
/// superusers (superuser_reserved_connections) and, from PostgreSQL 16, for pg_use_reserved_connections
/// (reserved_connections). Read from pg_settings by name, so a server without a setting simply has none.
public struct ConnectionLimit: Sendable, Equatable {
    public var maxConnections: Int
    public var superuserReserved: Int
    /// nil on servers before 16, which have no such setting.
    public var reserved: Int?

    public init(maxConnections: Int, superuserReserved: Int = 0, reserved: Int? = nil) {
        self.maxConnections = maxConnections
        self.superuserReserved = superuserReserved
        self.reserved = reserved
    }

    /// The slots ordinary roles can fill.
    public var available: Int { max(0, maxConnections - superuserReserved - (reserved ?? 0)) }

    static let settingNames = ["max_connections", "superuser_reserved_connections", "reserved_connections"]

    /// From (name, setting) rows of pg_settings; nil without max_connections.
    init?(settings: [String: String]) {
        guard let maximum = settings["max_connections"].flatMap({ Int($0) }) else { return nil }
        self.init(maxConnections: maximum, superuserReserved: settings["superuser_reserved_connections"].flatMap { Int($0) } ?? 0,
                  reserved: settings["reserved_connections"].flatMap { Int($0) })
    }
}
