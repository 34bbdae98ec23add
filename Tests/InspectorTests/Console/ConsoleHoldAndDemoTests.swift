import ConnectionPool
import Testing
@testable import Inspector

/// The dashboard's line for the slot the console holds, and the demo's console.
@Suite struct ConsoleHoldAndDemoTests {
    @Test func dashboardNamesTheSlotTheConsoleHoldsAndTurnsRedPastTheLeakThreshold() {
        var data = Fixtures.data
        #expect(!FrameBuilder.build(data: data, state: ViewState(), size: Fixtures.full).contains("Console holds"),
                "no line while the console holds nothing")
        data.pool.slots[1] = Slot(id: 2, state: .inUse, kind: .core, age: .seconds(290), uses: 98, holder: "console",
                                  heldFor: .seconds(12), backendPID: 4102, query: "BEGIN", queryFor: .seconds(12))
        data.pool.configuration.leakThreshold = .seconds(10)
        var state = ViewState()
        state.console.transaction = .inTransaction
        let frame = FrameBuilder.build(data: data, state: state, size: Fixtures.full)
        let rows = frame.rows(containing: "Console holds slot 2 (backend 4102) for 12")
        #expect(rows.count == 1)
        guard let row = rows.first else { return }
        #expect(frame.lines[row].contains("in transaction") && frame.lines[row].contains("past leak_threshold"))
        #expect(frame["Console ".count, row].role == .error, "past the threshold the line is an error")
    }

    @Test func demoConsoleKnowsTransactionsAndCancelsASleep() async {
        let console = SimulatedConsole()
        #expect(await console.run("BEGIN;").transaction == .inTransaction)
        let failed = await console.run("SELEC 1;")
        #expect(failed.transaction == .failed)
        guard case .failed(let error) = failed.ending else {
            Issue.record("a typo did not fail")
            return
        }
        #expect(error.sqlState == "42601")
        #expect(await console.run("ROLLBACK;").transaction == .idle)
        async let sleeping = console.run("SELECT pg_sleep(30);")
        while !console.isRunning { try? await Task.sleep(for: .milliseconds(5)) }
        console.cancel()
        let slept = await sleeping
        guard case .cancelled = slept.ending else {
            Issue.record("pg_sleep was not cancelled: \(slept.ending)")
            return
        }
        let answer = await console.run("SELECT 42 AS answer;")
        #expect(answer.parts == [.result(ConsoleResult(columns: [ConsoleColumn(name: "answer", typeOID: 23)], rows: [["42"]], commandTag: "SELECT 1"))])
        #expect(answer.completed)
    }
}
