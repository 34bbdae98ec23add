import Foundation
import Synchronization

/// The file a recording goes to: one JSON object a line, each written whole with one `write(2)` as it comes, so a
/// run killed at any point leaves a file that reads up to its last complete line. Shared by the runs of a sweep.
public final class RecordingWriter: Sendable {
    public let path: String
    private let started = ContinuousClock.now
    private let file: Mutex<FileState>
    private let runs = Atomic(0)

    private enum FileState {
        case open(Int32)
        /// A write failed; nothing more is written and `close()` reports why.
        case failed(String)
        case closed
    }

    /// Creates (or truncates) `path` and writes the header; throws a one-line reason when it cannot.
    public init(path: String, header: RecordingHeader) throws(RecordingError) {
        self.path = path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw RecordingError(path: path, problem: String(cString: strerror(errno))) }
        file = Mutex(.open(descriptor))
        write(.header(header))
        if case .failed(let problem) = file.withLock({ $0 }) { throw RecordingError(path: path, problem: problem) }
    }

    /// The next run's number, from 1 (bench has one run, a sweep one per measurement).
    public func nextRun() -> Int { runs.add(1, ordering: .relaxed).newValue }

    /// Seconds since the recording started: the `t` of every line.
    public var elapsed: Double { Self.time((ContinuousClock.now - started).seconds) }

    /// A line's time as written: seconds to the millisecond.
    static func time(_ seconds: Double) -> Double { BenchReport.round(seconds, 3) }

    public func write(_ line: RecordLine) {
        let bytes: Data
        do {
            bytes = try line.encoded() + Data("\n".utf8)
        } catch {
            file.withLock { state in if case .open(let descriptor) = state { Foundation.close(descriptor); state = .failed("\(error)") } }
            return
        }
        file.withLock { state in
            guard case .open(let descriptor) = state else { return }
            if let problem = Self.writeAll(bytes, to: descriptor) {
                Foundation.close(descriptor)
                state = .failed(problem)
            }
        }
    }

    /// Closes the file; returns the problem that stopped the recording early, if one did.
    @discardableResult
    public func close() -> RecordingError? {
        file.withLock { state in
            defer { state = .closed }
            switch state {
            case .open(let descriptor):
                Foundation.close(descriptor)
                return nil
            case .failed(let problem): return RecordingError(path: path, problem: problem)
            case .closed: return nil
            }
        }
    }

    private static func writeAll(_ bytes: Data, to descriptor: Int32) -> String? {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += written
            }
            return nil
        }
    }
}
