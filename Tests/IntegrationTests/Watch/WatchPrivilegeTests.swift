import EmbeddedPostgres
import LibPQ
import Testing
import Workload

/// A watch logged in as a role without pg_read_all_stats: other users' connections are counted as hidden (their
/// state NULL), never as idle or active, and its own role's connections are still read in full.
@Suite struct WatchPrivilegeTests {
    @Test func aRoleWithoutReadAllStatsSeesOtherUsersPoolsAsHidden() async throws {
        let conninfo = try await EmbeddedPostgres.shared().conninfo
        let role = uniqueName("watch_role")
        let probe = try await ServerProbe.open()
        defer { probe.close() }
        try await probe.execute("CREATE ROLE \(role) LOGIN")
        #expect(try await probe.integer("SELECT count(*) FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                                        + "JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = $1", [role]) == 0)
        let others = uniqueName("superuser_pool")
        let mine = uniqueName("own_pool")
        let size = 3
        let monitor = ServerMonitor(target: try ConnectionTarget(conninfo + " user=\(role)"), applicationName: uniqueName("watch_low"))
        let watcher = ServerWatcher(monitor: monitor)
        // One connection of the watch's own role, idle in a transaction: that one it may read.
        let own = try await PostgresConnection.connect(to: try ConnectionTarget(conninfo + " user=\(role) application_name=\(mine)"))
        _ = try await own.query("BEGIN")
        _ = try await own.query("SELECT 1")

        try await ServerWatcherTests.withPool(size: size, application: others, conninfo: conninfo) { pool in
            let leases = try await checkOutConcurrently(pool, count: size, holder: "hidden")
            await checkInAll(pool, leases)
            let snapshot = try await eventually({ await watcher.poll() }, until: { snapshot in
                snapshot.pools.first { $0.key.application == others }?.counts.total == size
            })
            #expect(snapshot.unavailable == nil, "\(snapshot.unavailable ?? "")")
            let hidden = try #require(snapshot.pools.first { $0.key.application == others }, "the superuser's pool is not counted at all")
            #expect(hidden.counts[.hidden] == size, "\(hidden.counts)")
            #expect(hidden.counts.visible == 0, "states guessed for rows the role may not read: \(hidden.counts)")
            #expect(hidden.key.user == "postgres", "application and user are still shown")
            #expect(hidden.backends.allSatisfy { $0.query.isEmpty && $0.transactionAge == nil })
            #expect(snapshot.hidden >= size)

            let visible = try #require(snapshot.pools.first { $0.key.application == mine })
            #expect(visible.counts[.idleInTransaction] == 1 && visible.counts[.hidden] == 0, "\(visible.counts)")
            #expect(visible.key.user == role)
        }
        own.close()
        await monitor.close()
        _ = try await eventually({ try await probe.integer("SELECT count(*) FROM pg_stat_activity WHERE usename = $1", [role]) }, until: { $0 == 0 })
        try await probe.execute("DROP ROLE \(role)")
    }
}
