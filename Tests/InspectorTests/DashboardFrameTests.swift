import ConnectionPool
import Testing
import Workload
@testable import Inspector

@Suite struct DashboardFrameTests {
    @Test(arguments: [Fixtures.compact, Fixtures.full])
    func headerShowsTargetVersionUptimeAndRate(size: Size) {
        let frame = Fixtures.frame(.dashboard, size)
        #expect(frame.lines[0].hasPrefix("pooltop postgres://app:****@db.example:5432/app"))
        #expect(frame.lines[0].contains("PostgreSQL 15.18") == (size == Fixtures.full))
        #expect(frame.lines[0].contains("up 01:02:05"))
        #expect(frame.lines[0].hasSuffix("10 fps "))
        #expect(frame.lines[1].contains("preset sqlalchemy"))
        #expect(frame.lines[1].contains("pool_size 5"))
        #expect(frame.lines[1].contains("max_overflow 10"))
        #expect(frame.lines[1].contains(size == Fixtures.full ? "load RUNNING 16 workers think 20ms" : "load RUNNING 16 workers"))
    }

    @Test(arguments: [Fixtures.compact, Fixtures.full])
    func everySlotHasOneGlyphCoreApartFromOverflow(size: Size) {
        let frame = Fixtures.frame(.dashboard, size)
        let coreRow = frame.rows(containing: "core 5/5")
        let overflowRow = frame.rows(containing: "overflow 4/10")
        #expect(coreRow.count == 1 && overflowRow.count == 1)
        guard let core = coreRow.first, let overflow = overflowRow.first else { return }
        #expect(overflow == core + 1)
        let glyphs = Glyphs(ascii: false)
        let slotGlyphs = Set(SlotState.allCases.flatMap { [glyphs.slot($0, kind: .core), glyphs.slot($0, kind: .overflow)] })
        let coreCells = (20..<frame.width).map { frame[$0, core] }.filter { slotGlyphs.contains($0.scalar) }
        let overflowCells = (20..<frame.width).map { frame[$0, overflow] }.filter { slotGlyphs.contains($0.scalar) }
        #expect(coreCells.map(\.scalar) == ["●", "○", "●", "◎", "◌"])
        #expect(overflowCells.map(\.scalar) == ["◆", "◇", "x", "!"])
        #expect(coreCells.count + overflowCells.count == Fixtures.slots.count)
        #expect(overflowCells.map(\.role) == [.overflow, .overflowIdle, .closing, .broken])
        // Six overflow positions allowed but not open.
        #expect((20..<frame.width).filter { frame[$0, overflow].scalar == "·" }.count == 6)
    }

    @Test(arguments: [Fixtures.compact, Fixtures.full])
    func waiterQueueShowsCountOldestAndHolders(size: Size) {
        let frame = Fixtures.frame(.dashboard, size)
        let row = frame.rows(containing: "Waiters 3")
        #expect(row.count == 1)
        let line = row.first.map { frame.lines[$0] } ?? ""
        #expect(line.contains("oldest 1.3s"))
        #expect(line.contains("w11 1.3s"))
    }

    @Test(arguments: [Fixtures.compact, Fixtures.full])
    func gaugesShowNumbersAgainstTheirLimits(size: Size) {
        let frame = Fixtures.frame(.dashboard, size)
        // In use: 3 slots (two core, one overflow).
        #expect(frame.lines.contains { $0.hasPrefix("in use / pool_size") && $0.contains("3/5") && $0.contains("60%") })
        #expect(frame.lines.contains { $0.hasPrefix("in use / size+overflow") && $0.contains("3/15") && $0.contains("20%") })
        #expect(frame.lines.contains { $0.hasPrefix("server / max_connections") && $0.contains("12/100") })
    }

    @Test func serverGaugeDegradesWithReason() {
        var data = Fixtures.data
        data.server = ServerSnapshotFixture.unavailable
        let frame = FrameBuilder.build(data: data, state: ViewState(), size: Fixtures.full)
        #expect(frame.lines.contains { $0.hasPrefix("server / max_connections") && $0.contains("n/a: permission denied") })
    }

    @Test(arguments: [Fixtures.compact, Fixtures.full])
    func chartsHaveTitlesAndMarkTheConfigChange(size: Size) {
        let frame = Fixtures.frame(.dashboard, size)
        let titles = frame.rows(containing: "q/s ")
        #expect(titles.count == 1)
        #expect(frame.contains("wait p50"))
        #expect(frame.contains("conns use"))
        // Braille cells are drawn below the titles.
        #expect(frame.lines.contains { $0.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) } })
        // The config change at second 100 is marked on each of the three time axes.
        let axis = frame.rows(containing: "─").first { frame.lines[$0].hasPrefix("─") }
        #expect(axis.map { frame.lines[$0].unicodeScalars.filter { $0 == "▲" }.count } == 3)
    }

    @Test(arguments: [Fixtures.compact, Fixtures.full])
    func eventLogShowsTimeoutsClosesAndChanges(size: Size) {
        let frame = Fixtures.frame(.dashboard, size)
        #expect(frame.contains("Events"))
        #expect(frame.contains("timeout: w2 waited 30s"))
        #expect(frame.contains("slot 10 closed (recycled)"))
        #expect(frame.contains("leak? slot 3 held by w3"))
        #expect(frame.contains("config: pool_size 4 → 5"))
        // Check-outs are not logged.
        #expect(!frame.contains("idle → in-use"))
    }

    @Test(arguments: [Fixtures.compact, Fixtures.full])
    func footerListsTheKeysThatMatterNow(size: Size) {
        let frame = Fixtures.frame(.dashboard, size)
        let footer = frame.lines[size.height - 1]
        for label in ["q Quit", "? Help", "Tab View", "+/- Pool", ">/< Overflow", "Space Load"] { #expect(footer.contains(label)) }
        let tableFooter = Fixtures.frame(.connections, size).lines[size.height - 1]
        #expect(tableFooter.contains("/ Filter") && tableFooter.contains("s Sort") && tableFooter.contains("K Kill"))
        #expect(!tableFooter.contains("+/- Pool"))
    }

    @Test(arguments: [Fixtures.compact, Fixtures.full])
    func statusMessageAlwaysFitsBesideTheKeys(size: Size) {
        let frame = Fixtures.frame(.dashboard, size) { $0.status = "pool_size 5 → 6" }
        let footer = frame.lines[size.height - 1]
        #expect(footer.hasSuffix("pool_size 5 → 6"))
        #expect(footer.hasPrefix("q Quit  ? Help"))
    }

    @Test func fullLayoutHasALegendCompactDoesNot() {
        #expect(Fixtures.frame(.dashboard, Fixtures.full).contains("Legend"))
        #expect(!Fixtures.frame(.dashboard, Fixtures.compact).contains("Legend"))
    }

    @Test(arguments: [Fixtures.compact, Fixtures.full])
    func frozenDisplaySaysFrozenNotPaused(size: Size) {
        let frame = Fixtures.frame(.dashboard, size) { $0.displayFrozen = true }
        #expect(frame.lines[0].contains("display FROZEN up 01:02:05"))
        #expect(frame.column(of: "FROZEN", row: 0).map { frame[$0, 0].role } == .warning)
        #expect(!frame.contains("PAUSED"), "the load runs on: only the display is frozen")
        #expect(frame.lines[1].contains("load RUNNING"))
    }

    @Test(arguments: [Fixtures.compact, Fixtures.full])
    func pausedLoadSaysPausedNotFrozen(size: Size) {
        var data = Fixtures.data
        data.load.settings.paused = true
        let frame = FrameBuilder.build(data: data, state: ViewState(), size: size)
        #expect(frame.lines[1].contains("load PAUSED"))
        #expect(frame.column(of: "PAUSED", row: 1).map { frame[$0, 1].role } == .warning)
        #expect(!frame.contains("FROZEN"), "the display still updates: only the load is paused")
    }

    @Test func beforeTheFirstDataTheScreenSaysItIsCollecting() {
        let frame = FrameBuilder.build(data: nil, state: ViewState(), size: Fixtures.compact)
        #expect(frame.contains("collecting data"))
        #expect(frame.lines[23].contains("q Quit"))
    }

    @Test func unlimitedOverflowShowsNoCapacityAndNoSecondLimit() {
        var data = Fixtures.data
        data.pool.configuration.maxOverflow = -1
        let frame = FrameBuilder.build(data: data, state: ViewState(), size: Fixtures.compact)
        #expect(frame.contains("overflow 4/∞"))
        #expect(frame.lines.contains { $0.hasPrefix("in use / size+overflow") && $0.contains("3 (overflow unlimited)") })
        #expect(frame.lines[1].contains("max_overflow unlimited"))
    }

    @Test func manyWaitersAreCutWithACount() {
        var data = Fixtures.data
        data.pool.waiters = Waiters(count: 40, oldestWait: .seconds(2), oldest: (1...40).map { Waiter(holder: "worker\($0)", waited: .seconds(2)) })
        let frame = FrameBuilder.build(data: data, state: ViewState(), size: Fixtures.compact)
        let line = frame.lines[frame.rows(containing: "Waiters 40").first ?? 0]
        #expect(line.contains("worker1 2.0s"))
        #expect(line.contains("+3"))
    }
}

enum ServerSnapshotFixture {
    static let unavailable = ServerSnapshot(unavailable: "n/a: permission denied for pg_stat_activity")
}
