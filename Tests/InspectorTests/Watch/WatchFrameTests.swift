import Testing
import Workload
@testable import Inspector

/// The watch screen as pure frames: the pools busiest first, the limit less the reserved slots, the hidden line
/// instead of guessed states, Enter into a pool's connections, the outage.
@Suite struct WatchFrameTests {
    static let size = Size(width: 140, height: 36)

    static func backend(_ pid: Int32, _ key: ClientPoolKey, _ state: ClientState, query: String = "SELECT 1") -> ClientBackend {
        ClientBackend(pid: pid, pool: key, state: state, waitEvent: state == .waitingOnLock ? "Lock:relation" : nil,
                      transactionAge: .seconds(2), queryAge: .seconds(1), query: query)
    }

    static let billing = ClientPoolKey(application: "billing", clientAddress: "10.0.0.5", user: "app", database: "shop")
    static let reports = ClientPoolKey(application: "reports", clientAddress: "", user: "bi", database: "shop")

    static var snapshot: WatchSnapshot {
        let pools = [
            ClientPool(key: billing, backends: [backend(11, billing, .idle), backend(12, billing, .waitingOnLock, query: String(repeating: "x", count: 300)),
                                                backend(13, billing, .idleInTransaction)]),
            ClientPool(key: reports, backends: (20..<25).map { backend($0, reports, .hidden, query: "") }),
        ].sorted { $0.key < $1.key }
        return WatchSnapshot(pools: pools, history: [billing: [StateCounts([.idle: 1]), StateCounts([.idle: 3])]],
                             limit: ConnectionLimit(maxConnections: 100, superuserReserved: 3), serverVersion: "15.18", ownPID: 4242,
                             reachability: .reachable(since: .zero), uptime: .seconds(10))
    }

    static func frame(_ snapshot: WatchSnapshot = snapshot, _ change: (inout WatchViewState) -> Void = { _ in }) -> Frame {
        var state = WatchViewState()
        state.receive(snapshot)
        change(&state)
        return WatchFrameBuilder.build(target: "postgres://app:****@db/shop", state: state, size: size)
    }

    @Test func thePoolsAreBusiestFirstWithTheLimitAndTheHiddenLine() throws {
        let frame = Self.frame()
        #expect(frame.contains("connections 8 of 97 (max_connections 100 − 3 superuser_reserved_connections)"), "\(frame.lines[1])")
        #expect(frame.contains("excludes this watch (pid 4242)"))
        #expect(frame.contains("5 connections hidden (no pg_read_all_stats)"), "\(frame.lines[2])")
        let reports = try #require(frame.rows(containing: "reports").first)
        let billing = try #require(frame.rows(containing: "billing").first)
        #expect(reports < billing, "the 5-connection pool is not first")
        let cells = frame.lines[reports].split(separator: " ")
        // APPLICATION CLIENT USER DATABASE CONNS ACT IDLE IN TX ABORT LOCK HIDDEN
        #expect(cells[1] == "?" && cells[4] == "5" && cells[5] == "0" && cells[6] == "0" && cells[10] == "5", "\(cells)")
        #expect(frame.lines[billing].split(separator: " ")[9] == "1", "the lock wait is not in LOCK: \(frame.lines[billing])")
    }

    @Test func enterShowsTheSelectedPoolsConnectionsAndEscGoesBack() throws {
        var state = WatchViewState()
        state.receive(Self.snapshot)
        _ = WatchInput.handle(.down, state: &state, size: Self.size)
        _ = WatchInput.handle(.enter, state: &state, size: Self.size)
        #expect(state.opened == Self.billing)
        let frame = WatchFrameBuilder.build(target: "t", state: state, size: Self.size)
        #expect(frame.contains("pool billing from 10.0.0.5 as app on shop: 3 connections"))
        let blocked = try #require(frame.rows(containing: "     12 waiting on a lock").first, "\(frame.lines)")
        #expect(frame.lines[blocked].contains("Lock:relation") && frame.lines[blocked].hasSuffix("…"), "the query is not cut: \(frame.lines[blocked])")
        _ = WatchInput.handle(.escape, state: &state, size: Self.size)
        #expect(state.opened == nil)
    }

    @Test func sortCyclesTheColumnsAndTheOutageReplacesTheTable() {
        var state = WatchViewState()
        state.receive(Self.snapshot)
        _ = WatchInput.handle(.character("s"), state: &state, size: Self.size)
        #expect(state.pools.sortColumn == ClientPoolsTable.connectionsColumn + 1 && state.pools.descending)
        var down = Self.snapshot
        down.pools = []
        down.unavailable = "n/a: server unreachable — connection refused"
        down.reachability = .unreachable(since: .seconds(5), lastError: "connection refused", nextAttempt: .seconds(11), attempt: 2)
        let frame = Self.frame(down)
        #expect(frame.contains("n/a: server unreachable — connection refused"))
        #expect(frame.lines[0].contains("server unreachable"), "\(frame.lines[0])")
        #expect(!frame.contains("APPLICATION"), "an empty table drawn while the server is down")
        #expect(!frame.contains("connections 0"), "a count shown while the server is down: \(frame.lines[1])")
    }

    @Test func anEightyColumnScreenKeepsEveryCountAndLeavesOutUserDatabaseAndHistory() throws {
        var state = WatchViewState()
        state.receive(Self.snapshot)
        let frame = WatchFrameBuilder.build(target: "t", state: state, size: Size(width: 80, height: 24))
        let header = try #require(frame.rows(containing: "APPLICATION").first)
        #expect(frame.lines[header].contains("HIDDEN") && frame.lines[header].contains("QUERY"), "\(frame.lines[header])")
        #expect(!frame.lines[header].contains("USER") && !frame.lines[header].contains("HISTORY"), "\(frame.lines[header])")
        let reports = try #require(frame.rows(containing: "reports").first)
        #expect(frame.lines[reports].split(separator: " ")[2] == "5", "CONNS: \(frame.lines[reports])")
        #expect(frame.lines[1].hasPrefix("connections 8 of 97 (100 max − 3 reserved) · watch pid 4242 excluded"), "\(frame.lines[1])")
        #expect(frame.lines[2].contains("5 connections hidden (no pg_read_all_stats)"), "\(frame.lines[2])")
        // s skips the columns not shown: CONNS, then ACT.
        _ = WatchInput.handle(.character("s"), state: &state, size: Size(width: 80, height: 24))
        #expect(ClientPoolsTable.headings[state.pools.sortColumn].title == "ACT")
        for _ in 0..<ClientPoolsTable.headings.count {
            _ = WatchInput.handle(.character("s"), state: &state, size: Size(width: 80, height: 24))
            #expect(!["USER", "DATABASE", "HISTORY"].contains(ClientPoolsTable.headings[state.pools.sortColumn].title))
        }
    }

    @Test func slashFiltersThePoolsAndEscClearsTheFilter() throws {
        var state = WatchViewState()
        state.receive(Self.snapshot)
        for key in [Key.character("/"), .character("b"), .character("i"), .character("l"), .enter] {
            _ = WatchInput.handle(key, state: &state, size: Self.size)
        }
        #expect(state.pools.filter == "bil" && !state.filtering)
        let frame = WatchFrameBuilder.build(target: "t", state: state, size: Self.size)
        #expect(frame.contains("billing") && !frame.contains("reports"), "\(frame.lines)")
        #expect(frame.lines[frame.height - 1].contains("filter /bil"))
        _ = WatchInput.handle(.enter, state: &state, size: Self.size)
        #expect(state.opened == Self.billing, "Enter opened another pool than the one filtered to")
        _ = WatchInput.handle(.escape, state: &state, size: Self.size)
        #expect(state.opened == nil && state.pools.filter == "bil", "Esc in the pool's connections goes back, keeping the pools' filter")
        _ = WatchInput.handle(.escape, state: &state, size: Self.size)
        #expect(state.pools.filter.isEmpty)
    }

    @Test func theServersNewsShowsInTheFooterForAWhile() {
        var snapshot = Self.snapshot
        snapshot.events = [ServerEvent(at: .seconds(8), kind: .back(after: .seconds(3)))]
        let recent = Self.frame(snapshot)
        #expect(recent.lines[Self.size.height - 1].contains("server back after 3.0s"), "\(recent.lines[Self.size.height - 1])")
        snapshot.uptime = .seconds(8) + WatchFrameBuilder.eventShown + .seconds(1)
        #expect(!Self.frame(snapshot).contains("server back after"), "old news still shown")
    }
}
