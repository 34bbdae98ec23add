import ConnectionPool
import Testing
import Workload
@testable import Inspector

/// What the screen shows while the server monitor cannot reach the server, and what it logs about it.
@Suite struct ServerOutageFrameTests {
    /// The fixture pool at uptime 125 s, with the server unreachable since 113 s and the next attempt at 126.5 s.
    static let unreachable = ServerReachability.unreachable(
        since: .seconds(113), lastError: "connection refused", nextAttempt: .milliseconds(126_500), attempt: 5)

    static func outage(_ reachability: ServerReachability = unreachable) -> DashboardData {
        var data = Fixtures.data
        data.server = ServerSnapshot(serverVersion: "PostgreSQL 15.18", maxConnections: 100,
                                     unavailable: "n/a: server unreachable — connection refused", reachability: reachability)
        return data
    }

    static func frame(_ data: DashboardData, _ view: ViewKind = .dashboard, size: Size = Fixtures.full, ascii: Bool = false) -> Frame {
        var state = ViewState()
        state.view = view
        state.glyphs = Glyphs(ascii: ascii)
        return FrameBuilder.build(data: data, state: state, size: size)
    }

    @Test func theHeaderSaysSinceWhenForHowLongTheNextAttemptAndWhyInTheErrorColour() throws {
        let frame = Self.frame(Self.outage())
        let header = frame.lines[0]
        #expect(header.hasPrefix("pooltop postgres://app:****@db.example:5432/app"))
        let message = "server unreachable since 00:01:53 (12s) — next attempt in 1.5s — connection refused"
        #expect(header.contains(message))
        #expect(!header.contains("PostgreSQL 15.18"), "the version still shows beside the outage")
        let column = try #require(frame.column(of: message, row: 0))
        #expect((column..<(column + message.unicodeScalars.count)).allSatisfy { frame[$0, 0].role == .error })
        #expect(header.contains("up 01:02:05"))
    }

    @Test func aNarrowHeaderStillSaysForHowLongAndTheGaugeRowSaysWhy() {
        let frame = Self.frame(Self.outage(), size: Fixtures.compact)
        let header = frame.lines[0]
        #expect(header.hasPrefix("pooltop postgres://app"))
        #expect(!header.contains("postgres://app:****@db.example:5432/app"), "the target did not give way to the outage")
        #expect(header.contains("server unreachable for 12s"))
        #expect(header.contains("up 01:02:05"))
        #expect(frame.lines.contains { $0.hasPrefix("server / max_connections") && $0.contains("connection refused") })
    }

    @Test func asciiModeSeparatesThePartsWithPlainDashes() {
        let header = Self.frame(Self.outage(), ascii: true).lines[0]
        #expect(header.contains("(12s) - next attempt in 1.5s - connection refused"))
        #expect(header.unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test(arguments: [ServerReachability.reachable(since: .seconds(3)), .unknown])
    func aReachableServerShowsTheVersionAndNoOutage(reachability: ServerReachability) {
        var data = Fixtures.data
        data.server.reachability = reachability
        let header = Self.frame(data).lines[0]
        #expect(header.contains("PostgreSQL 15.18"))
        #expect(!header.contains("unreachable"))
    }

    @Test func serverPanelsSayNotAvailableWithTheReasonInsteadOfNumbers() {
        let dashboard = Self.frame(Self.outage())
        #expect(dashboard.lines.contains { $0.hasPrefix("server / max_connections") && $0.contains("n/a: server unreachable — connection refused") })
        #expect(!dashboard.lines.contains { $0.hasPrefix("server / max_connections") && $0.contains("/100") })

        let server = Self.frame(Self.outage(), .server)
        #expect(server.contains("n/a: server unreachable — connection refused"))
        // What is still known of the server, without a count that would be stale.
        #expect(server.contains("server PostgreSQL 15.18  max_connections 100"))
        #expect(!server.contains("connections 12"))
        for backend in Fixtures.server.backends {
            #expect(!server.contains(backend.query), "a stale backend row is still shown")
        }
    }

    @Test func serverEventsAreLoggedInTimeOrderAmongThePoolsInADBAsWords() throws {
        var data = Self.outage()
        data.serverEvents = [
            ServerEvent(at: .seconds(95), kind: .unreachable(reason: "terminating connection due to administrator command")),
            ServerEvent(at: .seconds(105), kind: .back(after: .seconds(10))),
            ServerEvent(at: .seconds(105), kind: .restarted(from: "2026-12-03 07:00:00.123456+00", to: "2026-12-03 07:31:02.5+00")),
            ServerEvent(at: .seconds(111), kind: .nearMaxConnections(connections: 91, maximum: 100)),
        ]
        let frame = Self.frame(data)
        let texts = [
            "00:01:35  server unreachable: terminating connection due to administrator command",
            "00:01:40  config: pool_size 4 → 5",
            "00:01:45  server back after 10s",
            "00:01:45  server restarted (postmaster start time changed from 2026-12-03 07:00:00+00 to 2026-12-03 07:31:02+00)",
            "00:01:50  leak? slot 3",
            "00:01:51  max_connections nearly reached: 91 of 100 client backends",
        ]
        let rows = try texts.map { text in try #require(frame.rows(containing: text).first, "not logged: \(text)") }
        #expect(rows == rows.sorted())
        #expect(frame[12, rows[0]].role == .error)
        #expect(frame[12, rows[2]].role == .accent)
        #expect(frame[12, rows[3]].role == .warning)
        #expect(frame.contains("\(Fixtures.events.filter(EventText.isLogged).count + 4) shown of \(Fixtures.events.count + 4)"))
    }
}
