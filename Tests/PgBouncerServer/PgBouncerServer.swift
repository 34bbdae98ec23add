import EmbeddedPostgres
import Foundation

/// A real pgbouncer (Debian's package) on 127.0.0.1 in front of an embedded cluster, for the tests: a temporary
/// ini, auth file and unix socket folder, a free port, run as the server's user (pgbouncer refuses root).
/// Trust auth, like the cluster; `postgres` is an admin of the console (database `pgbouncer`). `stop()` ends it.
public final class PgBouncerServer: Sendable {
    public static let executable = "/usr/sbin/pgbouncer"

    public let port: Int
    /// Server connections per (database, user) pool.
    public let poolSize: Int
    public let poolMode: String
    /// The folder holding the ini, the auth file, the unix socket and the log.
    public let folder: String
    private let program: ServerUserProgram

    private init(program: ServerUserProgram, poolSize: Int, poolMode: String) {
        self.program = program
        port = program.port
        folder = program.folder
        self.poolSize = poolSize
        self.poolMode = poolMode
    }

    /// Starts pgbouncer in front of `cluster` (every database, over TCP) and returns once it listens.
    public static func start(
        in front: EmbeddedPostgres, poolMode: String = "transaction", poolSize: Int = 2, settings: [String: String] = [:]
    ) async throws -> PgBouncerServer {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw EmbeddedPostgresError("\(executable) is missing: install Debian's pgbouncer package (scripts/deps.sh does)")
        }
        let program = try ServerUserProgram.prepare()
        let server = PgBouncerServer(program: program, poolSize: poolSize, poolMode: poolMode)
        do {
            var options = [
                "listen_addr": "127.0.0.1", "listen_port": "\(program.port)", "unix_socket_dir": program.folder,
                "auth_type": "trust", "auth_file": program.folder + "/userlist.txt", "admin_users": "postgres",
                "pool_mode": poolMode, "default_pool_size": "\(poolSize)", "max_client_conn": "500",
                "pidfile": program.folder + "/pgbouncer.pid",
                // libpq sends these on connect; pgbouncer refuses unknown startup parameters otherwise.
                "ignore_startup_parameters": "extra_float_digits,options",
            ]
            options.merge(settings) { _, given in given }
            let ini = "[databases]\n* = host=127.0.0.1 port=\(front.port)\n\n[pgbouncer]\n"
                + options.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)\n" }.joined()
            try program.write("pgbouncer.ini", ini)
            try program.write("userlist.txt", "\"postgres\" \"\"\n")
            try await server.startProgram()
            return server
        } catch {
            program.stop()
            throw error
        }
    }

    /// A URL to `database` through pgbouncer.
    public func url(database: String = "postgres") -> String { "postgresql://postgres@127.0.0.1:\(port)/\(database)" }

    /// The admin console's URL (database `pgbouncer`).
    public var adminURL: String { url(database: "pgbouncer") }

    /// Whether pgbouncer runs.
    public var isRunning: Bool { program.isRunning }

    /// Ends pgbouncer (immediate shutdown); the folder stays, so `startAgain()` brings it back on the same port.
    public func stopProgram() { program.stopProgram() }

    /// Starts pgbouncer again after `stopProgram()`, on the same port.
    public func startAgain() async throws { try await startProgram() }

    /// Ends pgbouncer and removes its folder. Idempotent.
    public func stop() { program.stop() }

    /// The last lines pgbouncer logged, for a failing test's message.
    public var logTail: String {
        let text = (try? String(contentsOfFile: program.logFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(8).joined(separator: "\n")
    }

    private func startProgram() async throws {
        let socket = "\(folder)/.s.PGSQL.\(port)"
        try? FileManager.default.removeItem(atPath: socket)
        try await program.start(Self.executable, ["\(folder)/pgbouncer.ini"]) {
            FileManager.default.fileExists(atPath: socket)
        }
    }
}
