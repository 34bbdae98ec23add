import ConnectionPool
import LibPQ
import Testing
import Workload
@testable import Inspector

/// The replay's source and keys over a recording built by hand (no file, no server).
@Suite struct ReplaySourceTests {
    static func recording() -> Recording {
        var configuration = PoolConfiguration(presetName: "sqlalchemy")
        let header = RecordingHeader(
            command: "top", pooltopVersion: "test", startedAt: "2026-01-01T00:00:00Z", target: "postgres://app:****@db/app",
            pool: configuration, load: LoadSettings(workers: 8))
        func second(_ t: Double, inUse: Int, queries: Int, knobs: PoolConfiguration? = nil) -> RecordLine {
            var snapshot = PoolSnapshot(configuration: configuration)
            snapshot.slots = (0..<(inUse + 2)).map { Slot(id: $0 + 1, state: $0 < inUse ? .inUse : .idle, kind: $0 >= 5 ? .overflow : .core) }
            snapshot.waiters = Waiters(count: 3, oldestWait: .milliseconds(40))
            let sample = LoadSample(second: Int(t), qps: Double(queries) / t, inUse: inUse, idle: 2)
            return .second(RecordedSecond(
                t: t, pool: RecordedPool(snapshot), samples: [RecordedSample(sample)],
                totals: BenchReport(workers: 8, poolSize: configuration.poolSize, maxOverflow: 10, query: "SELECT 1", seconds: t, queries: queries),
                knobs: knobs.map(RecordedKnobs.pool)))
        }
        var lines = [second(1, inUse: 3, queries: 100), second(2, inUse: 4, queries: 250)]
        lines.append(.event(RecordedEvent(t: 2.5, pool: .configurationChanged(description: "pool_size 5 → 7"))))
        configuration.poolSize = 7
        lines.append(second(3, inUse: 7, queries: 400, knobs: configuration))
        lines.append(.event(RecordedEvent(t: 3.5, server: .unreachable(reason: "connection refused"))))
        lines.append(second(4, inUse: 6, queries: 520))
        return Recording(header: header, lines: lines)
    }

    @Test("the dashboard at a position is the last second before it, with the events up to it and knobs carried forward")
    func dataAtPosition() {
        let timeline = ReplayTimeline(Self.recording())
        let status = ReplayStatus(position: .zero, length: timeline.length, speed: 1, paused: false)
        let early = timeline.data(at: .milliseconds(2200), replay: status)
        #expect(early.pool.inUse == 4 && early.pool.idle == 2 && early.pool.waiters.count == 3)
        #expect(early.pool.configuration.poolSize == 5)
        #expect(early.load.queries == 250 && early.load.samples.map(\.second) == [1, 2])
        #expect(early.events.isEmpty && early.target == "postgres://app:****@db/app")
        #expect(early.replay == status)

        let later = timeline.data(at: .milliseconds(4100), replay: status)
        #expect(later.pool.inUse == 6 && later.pool.configuration.poolSize == 7, "the knobs of second 3 hold at second 4")
        #expect(later.events.map(\.kind) == [.configurationChanged(description: "pool_size 5 → 7")])
        #expect(later.serverEvents.map(\.kind) == [.unreachable(reason: "connection refused")])
        #expect(later.load.samples.count == 4 && later.uptime == .milliseconds(4100))
        #expect(timeline.length == .seconds(4))
    }

    @Test("before the first second the header's knobs are shown, with no figures")
    func beforeTheFirstSecond() {
        let data = ReplayTimeline(Self.recording()).data(at: .milliseconds(500), replay: ReplayStatus(position: .zero, length: .seconds(4), speed: 1, paused: false))
        #expect(data.pool.open == 0 && data.load.settings.workers == 8 && data.pool.configuration.presetName == "sqlalchemy")
    }

    @Test("knobs, load, console and backends are refused in one line each")
    func refusals() async {
        let source = ReplaySource(recording: Self.recording())
        #expect(await source.perform(.changePoolSize(by: 1)) == "knob changes are not available in a replay")
        #expect(await source.perform(.setKnob(.pool(.timeout), "5s")) == "knob changes are not available in a replay")
        #expect(await source.perform(.setLoadPaused(true)) == "load control is not available in a replay")
        #expect(await source.perform(.setKnob(.load(.workers), "3")) == "load control is not available in a replay")
        #expect(await source.perform(.terminateBackend(pid: 42)) == "terminating a backend is not available in a replay")
        let reply = await source.runConsole("SELECT 1")
        #expect(reply.ending == .failed(ServerMessage(severity: "NOTE", message: "the SQL console is not available in a replay")))
    }

    @Test("the replay keys reach the source's clock: pause, speed, seek")
    func controls() async {
        let source = ReplaySource(recording: Self.recording())
        #expect(await source.control(.togglePause) == "replay paused")
        #expect(await source.collect().replay?.paused == true)
        #expect(await source.control(.faster) == "speed 2x")
        #expect(await source.control(.seekToEnd) == "at 00:04")
        #expect(await source.collect().pool.inUse == 6)
        #expect(await source.control(.seekToStart) == "at 00:00")
        #expect(await source.collect().replay?.label == "REPLAY 00:00/00:04 2x PAUSED")
    }

    @Test("in a replay Space, Left/Right, Home/End and </> move the replay; live, they keep their meaning")
    func replayKeys() {
        var state = ViewState()
        state.replaying = true
        let expected: [(Key, ReplayControl)] = [
            (.character(" "), .togglePause), (.left, .seek(by: .seconds(-10))), (.right, .seek(by: .seconds(10))),
            (.home, .seekToStart), (.end, .seekToEnd), (.character("<"), .slower), (.character(">"), .faster),
        ]
        for (key, control) in expected {
            #expect(InputHandler.handle(key, state: &state, data: Fixtures.data, size: Fixtures.compact) == [.replay(control)], "\(key)")
        }
        #expect(InputHandler.handle(.character("+"), state: &state, data: Fixtures.data, size: Fixtures.compact) == [.perform(.changePoolSize(by: 1))])
        state.replaying = false
        #expect(InputHandler.handle(.character(" "), state: &state, data: Fixtures.data, size: Fixtures.compact) == [.perform(.setLoadPaused(!Fixtures.data.load.settings.paused))])
        #expect(KeyMap.action(for: .character(">"), replaying: false) == .overflowUp)
    }
}
