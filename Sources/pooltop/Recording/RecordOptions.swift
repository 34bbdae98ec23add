import ArgumentParser
import ConnectionPool
import Foundation
import Workload

/// `--record FILE`, in the screen, `bench` and `sweep`: the session as JSON Lines, for `pooltop replay`.
struct RecordOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Record the session to this file (JSON Lines: a header, a summary a second, every event); replay it with `pooltop replay FILE`.", valueName: "file"))
    var record: String?

    /// The file, created with its header; nil without `--record`. `target` is the masked label, never the URL.
    func writer(command: String, target: String, pool: PoolConfiguration, load: LoadSettings,
                duration: Duration? = nil, warmUp: Duration? = nil) throws -> RecordingWriter? {
        guard let record else { return nil }
        let header = RecordingHeader(
            command: command, pooltopVersion: Pooltop.version, startedAt: ISO8601DateFormatter().string(from: Date()),
            target: target, pool: pool, load: load, duration: duration, warmUp: warmUp)
        do {
            return try RecordingWriter(path: record, header: header)
        } catch {
            throw Failure.usage("--record \(error)")
        }
    }
}

extension RecordingWriter {
    /// Closes the file; a write that failed on the way is reported now, as the run's failure.
    func finish() throws {
        if let problem = close() { throw Failure.runtime("--record: the recording stopped early: \(problem)") }
    }
}
