import ConnectionPool
import Foundation
import Testing
@testable import Workload

/// The recording's lines, the reader's damage reports and the summary, on files written here (no server).
@Suite struct RecordingFormatTests {
    static let header = RecordingHeader(
        command: "bench", pooltopVersion: "test", startedAt: "2026-01-01T00:00:00Z", target: "postgres://app:****@db/app",
        pool: PoolConfiguration(presetName: "hikari"), load: LoadSettings(workers: 4), duration: .seconds(2), warmUp: .seconds(1))

    static func second(_ t: Double, run: Int = 1, queries: Int, samples: [Int] = [], final: Bool? = nil) -> RecordLine {
        .second(RecordedSecond(
            t: t, run: run, final: final, pool: nil,
            samples: samples.map { RecordedSample(LoadSample(second: $0, qps: Double(100 * $0), waitP99: .microseconds(1500))) },
            totals: BenchReport(workers: 4, poolSize: 5, maxOverflow: 0, query: "SELECT 1", seconds: t, queries: queries)))
    }

    static func phase(_ t: Double, _ phase: RecordedPhase.Phase, run: Int = 1) -> RecordLine {
        .phase(RecordedPhase(t: t, run: run, phase: phase, poolSize: 5, workers: 4))
    }

    /// A file with the header and `lines`, through the writer; its text.
    static func written(_ lines: [RecordLine]) throws -> (path: String, text: String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pooltop-rec-\(UUID().uuidString).jsonl").path
        let writer = try RecordingWriter(path: path, header: header)
        for line in lines { writer.write(line) }
        #expect(writer.close() == nil)
        return (path, try String(contentsOfFile: path, encoding: .utf8))
    }

    @Test("every kind of line reads back as written, one JSON object a line")
    func roundTrip() throws {
        let lines: [RecordLine] = [
            Self.phase(0.1, .warmUp), Self.second(1, queries: 10, samples: [1]),
            .event(RecordedEvent(t: 1.2, pool: .slotChanged(slot: 3, from: .idle, to: nil, reason: .idle))),
            .event(RecordedEvent(t: 1.3, server: .restarted(from: "a", to: "b"))),
            .event(RecordedEvent(t: 1.4, pool: .connectFailed(message: "refused", retryIn: .milliseconds(200)))),
        ]
        let (path, text) = try Self.written(lines)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(text.split(separator: "\n").count == 6)
        let recording = try RecordingReader.read(path: path)
        #expect(recording.header == Self.header && recording.lines == lines && recording.damage == nil)
        #expect(RecordedKnobs.configuration(recording.header.pool) == PoolConfiguration(presetName: "hikari"))
    }

    @Test("a garbage line in the middle: the lines before it are read, and the damage names its line")
    func garbageInTheMiddle() throws {
        let (path, text) = try Self.written([Self.second(1, queries: 10), Self.second(2, queries: 20), Self.second(3, queries: 30)])
        defer { try? FileManager.default.removeItem(atPath: path) }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.insert("#!garbage{", at: 2)
        let recording = try RecordingReader.parse(Data(lines.joined(separator: "\n").utf8), path: path)
        #expect(recording.seconds.map(\.totals.queries) == [10])
        #expect(recording.damage == RecordingDamage(line: 3, problem: .notJSON))
        #expect(recording.damage?.description == "recording damaged at line 3: not a JSON object; replayed 2 lines")
    }

    @Test("a file cut mid-line: every whole line is read and the last is reported cut short")
    func cutMidLine() throws {
        let (path, text) = try Self.written([Self.second(1, queries: 10), Self.second(2, queries: 20)])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let cut = Data(text.utf8).dropLast(40)
        let recording = try RecordingReader.parse(Data(cut), path: path)
        #expect(recording.seconds.map(\.totals.queries) == [10])
        #expect(recording.damage == RecordingDamage(line: 3, problem: .cutShort))
    }

    @Test("JSON that is no recording line is damage too, named by what is wrong")
    func wrongObjects() throws {
        let header = String(decoding: try RecordLine.header(Self.header).encoded(), as: UTF8.self)
        let unknown = try RecordingReader.parse(Data((header + "\n{\"type\":\"dance\"}\n").utf8), path: "x")
        #expect(unknown.damage?.line == 2 && unknown.damage?.description.contains("unknown line type 'dance'") == true)
        let missing = try RecordingReader.parse(Data((header + "\n{\"type\":\"phase\",\"t\":1}\n").utf8), path: "x")
        #expect(missing.damage?.line == 2 && missing.damage?.problem == .missing("run"))
    }

    @Test("no file, or a file whose first line is no header, is not a recording at all")
    func notARecording() throws {
        #expect(throws: RecordingError(path: "/nonexistent/r.jsonl", problem: "no such file")) {
            try RecordingReader.read(path: "/nonexistent/r.jsonl")
        }
        #expect(throws: RecordingError.self) { try RecordingReader.parse(Data("hello\nworld\n".utf8), path: "x") }
        #expect(throws: RecordingError.self) { try RecordingReader.parse(Data(), path: "x") }
    }

    @Test("the summary of a run is its final line's totals with the timeline of its measured seconds only")
    func summaryOfARun() {
        let recording = Recording(header: Self.header, lines: [
            Self.phase(0, .warmUp), Self.second(1, queries: 5, samples: [1]),
            Self.phase(1.1, .measuring), Self.second(2.1, queries: 100, samples: [1]),
            Self.second(3.1, queries: 210, samples: [2]), Self.second(3.2, queries: 230, final: true),
        ])
        let reports = RecordingSummary.reports(recording)
        #expect(reports.count == 1)
        #expect(reports.first?.queries == 230)
        #expect(reports.first?.timeline.map(\.second) == [1, 2])
        #expect(reports.first?.timeline.first?.waitP99Ms == 1.5)
    }

    @Test("a run killed before its end is summarised from its last second; a sweep gives one report per run")
    func killedRunAndSweep() {
        let recording = Recording(header: Self.header, lines: [
            Self.phase(0, .measuring, run: 1), Self.second(1, run: 1, queries: 50, samples: [1]), Self.second(1.5, run: 1, queries: 70, final: true),
            Self.phase(2, .measuring, run: 2), Self.second(3, run: 2, queries: 40, samples: [1]), Self.second(4, run: 2, queries: 90, samples: [2]),
        ])
        let reports = RecordingSummary.reports(recording)
        #expect(reports.map(\.queries) == [70, 90])
        #expect(reports.map(\.timeline.count) == [1, 2])
    }
}
