import EmbeddedPostgres
import LibPQ

/// The real server every LibPQ test talks to: the process's shared embedded cluster.
func testServer() async throws -> (conninfo: String, url: String) {
    let cluster = try await EmbeddedPostgres.shared()
    return (cluster.conninfo, cluster.url)
}

/// A fresh connection to the test server over its conninfo.
func connectToTestServer() async throws -> PostgresConnection {
    try await PostgresConnection.connect(to: ConnectionTarget(testServer().conninfo))
}

/// The test server's TCP port on 127.0.0.1.
func testServerPort() async throws -> Int {
    try await EmbeddedPostgres.shared().port
}
