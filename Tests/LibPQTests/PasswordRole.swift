import LibPQ
import Synchronization
import Testing

/// Login roles with a password, for the wrong-password test. The test cluster trusts loopback, so
/// this makes sure pg_hba.conf asks members of `pooltop_password_users` for a scram password over
/// 127.0.0.1 (prepending the rule and reloading when it is missing), then creates such a member.
enum PasswordRole {
    static let password = "pooltop-right-pw"
    static let group = "pooltop_password_users"
    static let hostRule = "host all +\(group) 127.0.0.1/32 scram-sha-256"
    private static let ruleInstalled = Mutex<Task<Void, any Error>?>(nil)

    /// Creates a fresh role and returns its name.
    static func create(using admin: PostgresConnection) async throws -> String {
        let install = ruleInstalled.withLock { task in
            if let task { return task }
            let started = Task { try await installHostRule(using: try await connectToTestServer()) }
            task = started
            return started
        }
        try await install.value
        let name = "pooltop_pw_\(UInt32.random(in: 0...UInt32.max))"
        _ = try await admin.query("CREATE ROLE \(name) LOGIN PASSWORD '\(password)' IN ROLE \(group)")
        return name
    }

    private static func installHostRule(using admin: PostgresConnection) async throws {
        defer { admin.close() }
        _ = try await admin.query("DO $$ BEGIN CREATE ROLE \(group) NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        let present = try await admin.query("SELECT count(*) FROM pg_hba_file_rules WHERE $1 = ANY(user_name)", ["+" + group])
        guard present.rows == [["0"]] else { return }
        let file = try #require(try await admin.query("SHOW hba_file").rows.first?.first ?? nil)
        let current = try await admin.query("SELECT pg_read_file($1)", [file]).rows.first?.first ?? nil
        let content = (hostRule + "\n" + (current ?? "")).replacing("\t", with: " ").replacing("'", with: "''")
        _ = try await admin.query("COPY (SELECT unnest(string_to_array('\(content)', E'\\n'))) TO '\(file)'")
        let loadedBefore = try await admin.query("SELECT pg_conf_load_time()").rows
        _ = try await admin.query("SELECT pg_reload_conf()")
        // The postmaster reloads asynchronously; new sessions show when it has.
        for _ in 0..<200 {
            let probe = try await connectToTestServer()
            let loaded = try await probe.query("SELECT pg_conf_load_time()").rows
            probe.close()
            if loaded != loadedBefore { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        Issue.record("the server did not reload pg_hba.conf")
    }
}
