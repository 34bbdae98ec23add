import LibPQ
import Testing
@testable import Workload

/// The admin console's results are read by column name: a newer pgbouncer's extra columns, in another order,
/// change nothing, and a missing statistics column reads as zero.
struct AdminColumnsTests {
    static func result(_ names: [String], _ rows: [[String?]]) -> QueryResult {
        QueryResult(columns: names.map { QueryResult.Column(name: $0, typeOID: 25) }, rows: rows, commandTag: "SHOW")
    }

    @Test func showPoolsWithExtraAndReorderedColumnsParsesByName() {
        // 1.24-like: load_balance_hosts and cancel columns added, the servers before the clients, maxwait first.
        let names = ["maxwait_us", "maxwait", "load_balance_hosts", "sv_login", "sv_tested", "sv_used", "sv_idle", "sv_being_canceled",
                     "sv_active_cancel", "sv_active", "cl_waiting_cancel_req", "cl_active_cancel_req", "cl_waiting", "cl_active",
                     "pool_mode", "user", "database"]
        let row: [String?] = ["250000", "3", nil, "1", "2", "3", "4", "0", "0", "5", "0", "0", "7", "8", "transaction", "app", "shop"]
        let pools = PgBouncerPool.pools(in: AdminTable(Self.result(names, [row])))
        #expect(pools == [PgBouncerPool(
            database: "shop", user: "app", clientsActive: 8, clientsWaiting: 7, serversActive: 5, serversIdle: 4, serversUsed: 3,
            serversTested: 2, serversLogin: 1, maxWait: .milliseconds(3250), mode: "transaction")])
        #expect(pools.first?.servers == 15)
    }

    @Test func anOlderShowPoolsWithoutSomeColumnsReadsThemAsZero() {
        let names = ["database", "user", "cl_active", "cl_waiting", "sv_active", "sv_idle", "sv_used", "maxwait"]
        let rows: [[String?]] = [["pgbouncer", "pgbouncer", "1", "0", "0", "0", "0", "0"], ["db", "u", "2", "1", "1", "0", "0", "1"]]
        let pools = PgBouncerPool.pools(in: AdminTable(Self.result(names, rows)))
        #expect(pools.map(\.id) == ["pgbouncer/pgbouncer", "db/u"])
        #expect(pools[1].maxWait == .seconds(1) && pools[1].serversTested == 0 && pools[1].mode == "")
    }

    @Test func clientsAndServersJoinByTheirLinkWhateverTheColumnOrder() {
        let clientNames = ["id", "type", "user", "database", "state", "addr", "port", "ptr", "link", "application_name", "wait", "wait_us",
                           "prepared_statements"]
        let clients = PgBouncerPeer.peers(in: AdminTable(Self.result(clientNames, [
            ["1", "C", "app", "shop", "active", "127.0.0.1", "5000", "0xc1", "0xs1", "api", "0", "0", "0"],
            ["2", "C", "app", "shop", "waiting", "127.0.0.1", "5001", "0xc2", "", "api", "0", "120000", "0"],
        ])))
        let serverNames = ["link", "ptr", "remote_pid", "state", "database", "user", "type"]
        let servers = PgBouncerPeer.peers(in: AdminTable(Self.result(serverNames, [
            ["0xc1", "0xs1", "4242", "active", "shop", "app", "S"],
            [nil, "0xs2", "4243", "idle", "shop", "app", "S"],
        ])))
        #expect(clients[1].wait == .milliseconds(120) && clients[0].port == 5000)
        let links = PgBouncerLink.join(servers: servers, clients: clients)
        #expect(links.map(\.server.remotePID) == [4242, 4243])
        #expect(links[0].client?.pointer == "0xc1")
        #expect(links[1].client == nil, "an idle server serves nobody")
        var later = servers
        later[1].link = "0xc2"
        later[1].state = "active"
        let served = PgBouncerLink.join(servers: later, clients: clients)
        #expect(served[1].client?.pointer == "0xc2" && served[1].client?.state == "active" && served[1].client?.wait == .zero,
                "a client an active server serves (read after the clients) is active")
    }
}
