// INTERFACE STUB — the EmbeddedPostgres helper replaces the bodies.

/// A throwaway PostgreSQL cluster: initdb into a fresh temporary folder, a server on a unix socket
/// there and on a free loopback port, trust auth for local connections only. Stopped and removed by `stop()`.
public final class EmbeddedPostgres: Sendable {
    /// Starts a new cluster (as the `postgres` system user when running as root).
    public static func start() async throws(EmbeddedPostgresError) -> EmbeddedPostgres { fatalError("stub") }

    /// A key=value conninfo string for libpq.
    public var conninfo: String { fatalError("stub") }
    /// The same as a postgresql:// URL (over TCP on loopback).
    public var url: String { fatalError("stub") }

    /// Stops the server and removes the folder. Idempotent.
    public func stop() { fatalError("stub") }
}

public struct EmbeddedPostgresError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
