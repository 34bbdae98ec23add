import Testing
@testable import Workload

/// The watch's pure parts: a row's state, the grouping into pools, the limit from pg_settings, the history.
@Suite struct ClientPoolGroupingTests {
    static func row(_ pid: Int, application: String = "billing", address: String = "10.0.0.5", state: String?, wait: String? = nil,
                    xact: String? = nil, query: String? = nil) -> [String?] {
        [String(pid), application, state == nil ? "" : address, "app", "shop", state, wait, wait == nil ? nil : "relation", xact, query, "SELECT 1"]
    }

    @Test func aRowsStateCountsALockWaitApartAndANullStateAsHidden() {
        #expect(ClientState(state: "active", waitEventType: "Lock") == .waitingOnLock)
        #expect(ClientState(state: "active", waitEventType: "IO") == .active)
        #expect(ClientState(state: "idle in transaction (aborted)", waitEventType: "Client") == .idleInTransactionAborted)
        #expect(ClientState(state: nil, waitEventType: nil) == .hidden)
        #expect(ClientState(state: "fastpath function call", waitEventType: nil) == .other)
    }

    @Test func backendsGroupByApplicationAddressUserAndDatabase() throws {
        let rows = [
            Self.row(1, state: "idle"), Self.row(2, state: "active", wait: "Lock", query: "3.5"), Self.row(3, state: "idle in transaction", xact: "9"),
            Self.row(4, address: "10.0.0.6", state: "idle"), Self.row(5, application: "reports", state: "active", query: "1"),
            Self.row(6, state: nil),
        ]
        let pools = ClientPool.grouped(rows.compactMap(ClientActivity.backend))
        #expect(pools.map(\.key.application) == ["billing", "billing", "billing", "reports"])
        let billing = try #require(pools.first { $0.key.clientAddress == "10.0.0.5" })
        #expect(billing.counts.total == 3 && billing.counts[.idle] == 1 && billing.counts[.waitingOnLock] == 1)
        #expect(billing.counts[.idleInTransaction] == 1)
        #expect(billing.oldestTransaction == .seconds(9))
        #expect(billing.oldestQuery == .seconds(3.5), "only a running statement is an oldest query")
        let hidden = try #require(pools.first { $0.key.clientAddress.isEmpty })
        #expect(hidden.counts[.hidden] == 1 && hidden.counts.visible == 0 && hidden.backends[0].query.isEmpty)
    }

    @Test func theLimitIsMaxConnectionsLessTheReservedSlotsThatExist() throws {
        let fifteen = try #require(ConnectionLimit(settings: ["max_connections": "100", "superuser_reserved_connections": "3"]))
        #expect(fifteen.available == 97 && fifteen.reserved == nil)
        let sixteen = try #require(ConnectionLimit(settings: ["max_connections": "50", "superuser_reserved_connections": "3", "reserved_connections": "5"]))
        #expect(sixteen.available == 42)
        #expect(ConnectionLimit(settings: ["superuser_reserved_connections": "3"]) == nil)
    }

    @Test func aPoolThatLostItsConnectionsKeepsZerosUntilItsWindowIsEmpty() {
        let key = ClientPoolKey(application: "a", clientAddress: "local", user: "u", database: "d")
        let pool = ClientPool(key: key, backends: [ClientBackend(pid: 1, pool: key, state: .idle)])
        var history = WatchHistory()
        history.record([pool])
        history.record([])
        #expect(history.samples[key]?.map(\.total) == [1, 0])
        for _ in 0..<WatchHistory.capacity { history.record([]) }
        #expect(history.samples[key] == nil, "a pool gone for a whole window is still kept")
        for _ in 0..<(WatchHistory.capacity + 5) { history.record([pool]) }
        #expect(history.samples[key]?.count == WatchHistory.capacity)
    }
}
