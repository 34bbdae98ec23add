#if canImport(Glibc)
import Glibc
#endif
@testable import LibPQ
import Testing

/// The TCP settings pooltop passes to libpq, read back from the connection's socket.
@Suite struct LinkSettingsTests {
    @Test func aTCPConnectionGetsKeepalivesAndAUserTimeout() async throws {
        let connection = try await PostgresConnection.connect(to: tcpTarget())
        defer { connection.close() }
        let socket = connection.socketDescriptor
        #expect(option(socket, SOL_SOCKET, SO_KEEPALIVE) == 1)
        #expect(option(socket, Int32(IPPROTO_TCP), TCP_KEEPIDLE) == 10)
        #expect(option(socket, Int32(IPPROTO_TCP), TCP_KEEPINTVL) == 2)
        #expect(option(socket, Int32(IPPROTO_TCP), TCP_KEEPCNT) == 3)
        #expect(option(socket, Int32(IPPROTO_TCP), TCP_USER_TIMEOUT) == 10_000)
    }

    @Test func theTargetsOwnSettingsWin() async throws {
        let connection = try await PostgresConnection.connect(to: tcpTarget("keepalives_idle=30 tcp_user_timeout=2500"))
        defer { connection.close() }
        let socket = connection.socketDescriptor
        #expect(option(socket, Int32(IPPROTO_TCP), TCP_KEEPIDLE) == 30)
        #expect(option(socket, Int32(IPPROTO_TCP), TCP_USER_TIMEOUT) == 2500)
        #expect(option(socket, Int32(IPPROTO_TCP), TCP_KEEPCNT) == 3)
    }

    @Test func keepalivesOffIsHonoured() async throws {
        let connection = try await PostgresConnection.connect(to: tcpTarget("keepalives=0"))
        defer { connection.close() }
        #expect(option(connection.socketDescriptor, SOL_SOCKET, SO_KEEPALIVE) == 0)
    }

    @Test func aUnixSocketConnectionIgnoresThem() async throws {
        let connection = try await connectToTestServer()
        defer { connection.close() }
        #expect(try await connection.query("SELECT 1").rows == [["1"]])
    }

    @Test func connectTimeoutIsReadAsLibpqReadsIt() throws {
        func timeout(_ conninfo: String) throws -> Duration? {
            LinkSettings.connectTimeout(of: try ConnectionTarget(conninfo).options)
        }
        #expect(try timeout("host=x connect_timeout=5") == .seconds(5))
        #expect(try timeout("host=x connect_timeout=1") == .seconds(2))
        #expect(try timeout("host=x connect_timeout=0") == nil)
    }

    private func tcpTarget(_ options: String = "") async throws -> ConnectionTarget {
        try ConnectionTarget("host=127.0.0.1 port=\(try await testServerPort()) dbname=postgres user=postgres sslmode=disable \(options)")
    }

    private func option(_ socket: Int32, _ level: Int32, _ name: Int32) -> Int32 {
        var value: Int32 = -1
        var length = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(socket, level, name, &value, &length) == 0 ? value : -1
    }
}
