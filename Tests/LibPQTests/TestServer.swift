#if canImport(Glibc)
import Glibc
#endif
import EmbeddedPostgres
import LibPQ

/// The real server every LibPQ test talks to. DEV VERSION: reads POOLTOP_TEST_CONNINFO/URL.
func testServer() async throws -> (conninfo: String, url: String) {
    (String(cString: getenv("POOLTOP_TEST_CONNINFO")), String(cString: getenv("POOLTOP_TEST_URL")))
}

/// A fresh connection to the test server over its conninfo.
func connectToTestServer() async throws -> PostgresConnection {
    try await PostgresConnection.connect(to: ConnectionTarget(testServer().conninfo))
}
