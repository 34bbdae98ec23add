import LibPQ
import Testing

/// OpenTelemetry's default pool name, host:port/database, read off a target: never its user or password.
struct PoolNameTests {
    @Test("a URL and a conninfo string give host:port/database", arguments: [
        ("postgresql://bob:s3cret-pw@db.example:6543/shop", "db.example:6543/shop"),
        ("host=10.0.0.7 port=5433 dbname=orders user=app password=s3cret-pw", "10.0.0.7:5433/orders"),
        ("postgresql://bob@127.0.0.1:5432/postgres?password=s3cret-pw", "127.0.0.1:5432/postgres"),
    ])
    func hostPortDatabase(text: String, expected: String) throws {
        let name = try ConnectionTarget(text).poolName
        #expect(name == expected)
        #expect(!name.contains("s3cret-pw") && !name.contains("bob") && !name.contains("app"))
    }

    @Test("a database name that is itself a connection string is not shown")
    func dbnameConnectionString() throws {
        let name = try ConnectionTarget("host=h port=1 dbname='postgresql://x:s3cret-pw@y/z'").poolName
        #expect(name == "h:1/postgres")
    }
}
