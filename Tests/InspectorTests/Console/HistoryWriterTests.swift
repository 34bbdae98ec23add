import Foundation
import Glibc
import Testing
@testable import Inspector

/// The history's writer: the UI thread's save never waits for the disk, the newest entries win over ones not yet
/// written, a failed write is said on the status line, and ending the writer writes what is still pending.
@Suite struct HistoryWriterTests {
    /// Reads a FIFO to its end: the writer blocked opening it goes on, writes, and closes it.
    private static func drain(fifo: String) -> String {
        let descriptor = open(fifo, O_RDONLY)
        guard descriptor >= 0 else { return "" }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count > 0 { bytes += buffer[0..<count]; continue }
            if count < 0, errno == EINTR { continue }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// A FIFO where the writer puts its temporary file stands for a disk that stalls: opening it for writing blocks
    /// until someone reads it, and fsync then fails on it.
    @Test func savesNeverWaitForTheDiskAndTheEndWritesWhatIsPending() async throws {
        let root = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = HistoryFile(environment: ["XDG_STATE_HOME": root + "/state"])
        try FileManager.default.createDirectory(atPath: file.folder, withIntermediateDirectories: true)
        let stalled = file.path + ".tmp\(getpid())"
        try #require(mkfifo(stalled, 0o600) == 0)
        let writer = HistoryWriter(file: file)
        let inbox = Inbox()

        await withTaskGroup(of: Void.self) { group in
            group.addTask { await writer.run(inbox: inbox) }
            writer.save(["select 1;"])
            while !writer.isWriting { try? await Task.sleep(for: .milliseconds(2)) }
            // The first write is now stuck opening the FIFO; these saves still return at once.
            writer.save(["select 1;", "select 2;"])
            writer.save(["select 1;", "select 2;", "ALTER ROLE app PASSWORD 'hunter2';", "select 3;"])
            #expect(writer.isBusy)
            #expect(mode(file.path) == nil, "nothing reached the history file while the disk stalled")

            let stalledWrite = await Task.detached { Self.drain(fifo: stalled) }.value
            #expect(stalledWrite == "select 1;\n", "the stalled write held the entries of the first save")
            group.cancelAll()
        }

        #expect(!writer.isBusy)
        let written = (try? String(contentsOfFile: file.path, encoding: .utf8)) ?? ""
        #expect(written == "select 1;\nselect 2;\nselect 3;\n", "the newest entries were written before the writer ended")
        #expect(!written.contains("hunter2"))
        #expect(mode(file.path) == 0o600 && mode(file.folder) == 0o700)
        let statuses = inbox.take().1.compactMap { if case .status(let text) = $0 { text } else { nil } }
        #expect(statuses.contains { $0.hasPrefix("history: fsync") }, "the failed write was said: \(statuses)")
    }

    @Test func endingWithNothingPendingWritesNothing() async {
        let root = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = HistoryFile(environment: ["XDG_STATE_HOME": root + "/state"])
        let writer = HistoryWriter(file: file)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await writer.run(inbox: Inbox()) }
            group.cancelAll()
        }
        #expect(mode(file.path) == nil)
    }
}
