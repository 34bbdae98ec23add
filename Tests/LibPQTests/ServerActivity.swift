import LibPQ

/// Waits (up to 5 s, else throws `TestTimeout`) until the server shows `pid` running a statement containing `text`.
func waitUntilRunning(_ text: String, pid: Int32) async throws {
    let observer = try await connectToTestServer()
    defer { observer.close() }
    let deadline = ContinuousClock.now + .seconds(5)
    while ContinuousClock.now < deadline {
        let rows = try await observer.query(
            "SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state = 'active' AND position($2 in query) > 0",
            [String(pid), text]
        ).rows
        if !rows.isEmpty { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    throw TestTimeout(description: "backend \(pid) never showed as running \(text)")
}

/// A wait in a test that ran out of time.
struct TestTimeout: Error, CustomStringConvertible {
    let description: String
}
