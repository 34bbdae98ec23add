import Testing
import Workload
@testable import Inspector

/// The pgbouncer view and the dashboard's pgbouncer line, drawn from a fixed pgbouncer picture.
@Suite struct PgBouncerFrameTests {
    static let clients = [
        PgBouncerPeer(type: "C", user: "app", database: "shop", state: "active", address: "10.0.0.5", port: 40001, pointer: "0xc1",
                      link: "0xs1", applicationName: "pooltop"),
        PgBouncerPeer(type: "C", user: "app", database: "shop", state: "waiting", address: "10.0.0.5", port: 40002, pointer: "0xc2",
                      applicationName: "pooltop", wait: .milliseconds(42)),
    ]
    static let servers = [
        PgBouncerPeer(type: "S", user: "app", database: "shop", state: "active", pointer: "0xs1", link: "0xc1", remotePID: 7001),
        PgBouncerPeer(type: "S", user: "app", database: "shop", state: "idle", pointer: "0xs2", remotePID: 7002),
    ]
    static let pgbouncer = PgBouncerSnapshot(
        version: "PgBouncer 1.18.0",
        pools: [PgBouncerPool(database: "pgbouncer", user: "pgbouncer", clientsActive: 1, mode: "statement"),
                PgBouncerPool(database: "shop", user: "app", clientsActive: 1, clientsWaiting: 1, serversActive: 1, serversIdle: 1,
                              maxWait: .milliseconds(42), mode: "transaction")],
        clients: clients, links: PgBouncerLink.join(servers: servers, clients: clients),
        samples: (0..<30).map { PgBouncerSample(at: .seconds($0), clientsActive: 1, clientsWaiting: $0 % 3, serversActive: 1, serversIdle: 1) },
        reachability: .reachable(since: .zero))

    static func frame(_ view: ViewKind, _ size: Size, pgbouncer: PgBouncerSnapshot? = pgbouncer) -> Frame {
        var data = Fixtures.data
        data.pgbouncer = pgbouncer
        var state = ViewState()
        state.view = view
        return FrameBuilder.build(data: data, state: state, size: size)
    }

    @Test(arguments: [Fixtures.compact, Fixtures.full])
    func theViewDrawsEveryPoolAndWhichClientHoldsWhichServer(size: Size) throws {
        let frame = Self.frame(.pgbouncer, size)
        #expect(frame.contains("PgBouncer 1.18.0  pools 1  clients 2 (1 waiting)  servers 2"))
        let heading = try #require(frame.rows(containing: "CL_WAIT").first)
        let shop = try #require(frame.rows(containing: "shop ").first { $0 > heading })
        let cells = frame.lines[shop].split(separator: " ").map(String.init)
        #expect(Array(cells.prefix(8)) == ["shop", "app", "transaction", "1", "1", "1", "1", "0"], "\(frame.lines[shop])")
        let layers = size == Fixtures.full ? "clients active 1  waiting 1  servers active 1" : "cl active 1  waiting 1  sv active 1"
        #expect(frame.contains("pgbouncer shop/app \(layers)  idle 1  maxwait 42ms"))
        if size == Fixtures.full {
            #expect(frame.lines.contains { $0.contains("7001") && $0.contains("active") && $0.contains("10.0.0.5:40001") && $0.contains("pooltop") })
            #expect(frame.lines.contains { $0.contains("waiting") && $0.contains("10.0.0.5:40002") && $0.contains("42ms") })
            #expect(frame.contains("clients active 1 waiting 2"))
        }
    }

    @Test func theDashboardShowsThePgbouncerPoolUnderPooltopsOwn() throws {
        let frame = Self.frame(.dashboard, Fixtures.full)
        let waiters = try #require(frame.rows(containing: "Waiters").first)
        #expect(frame.lines[waiters + 1].hasPrefix("pgbouncer shop/app clients active 1  waiting 1"), "\(frame.lines[waiters + 1])")
        let without = Self.frame(.dashboard, Fixtures.full, pgbouncer: nil)
        #expect(!without.contains("pgbouncer"))
    }

    @Test func anUnreachablePgbouncerIsSaidInPlaceOfItsNumbers() {
        let down = PgBouncerSnapshot(version: "PgBouncer 1.18.0", unavailable: "n/a: pgbouncer unreachable — connection refused")
        let frame = Self.frame(.pgbouncer, Fixtures.full, pgbouncer: down)
        #expect(frame.contains("pgbouncer n/a: pgbouncer unreachable — connection refused"))
        #expect(!frame.contains("CL_WAIT"))
        #expect(Self.frame(.pgbouncer, Fixtures.full, pgbouncer: nil).contains("start pooltop with --pgbouncer URL"))
    }

    @Test func pgbouncersEventsReadAsItsOwnInTheLog() {
        let events = [ServerEvent(at: .seconds(5), kind: .unreachable(reason: "connection refused"), subject: .pgbouncer),
                      ServerEvent(at: .seconds(9), kind: .back(after: .seconds(4)), subject: .pgbouncer),
                      ServerEvent(at: .seconds(12), kind: .back(after: .seconds(1)))]
        let lines = EventLogView.lines(events: [], serverEvents: events, glyphs: Glyphs(ascii: false)).map(\.text)
        #expect(lines == ["pgbouncer unreachable: connection refused", "pgbouncer back after 4.0s", "server back after 1.0s"])
    }
}
