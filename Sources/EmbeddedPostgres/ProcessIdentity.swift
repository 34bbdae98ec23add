import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A process as /proc describes it: a pid plus its start time, so a recycled pid is not
/// mistaken for the process that once held it.
struct ProcessIdentity: Sendable, Equatable {
    let pid: pid_t
    let startTime: UInt64

    /// This process.
    static var current: ProcessIdentity? { find(getpid()) }

    /// The live (not zombie) process `pid`, or nil.
    static func find(_ pid: pid_t) -> ProcessIdentity? {
        guard pid > 0, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let commandEnd = stat.lastIndex(of: ")") else { return nil }
        // Fields after "(comm)": state is field 3, starttime is field 22.
        let fields = stat[stat.index(after: commandEnd)...].split(separator: " ")
        guard fields.count > 19, fields[0] != "Z", fields[0] != "X", let start = UInt64(fields[19]) else { return nil }
        return ProcessIdentity(pid: pid, startTime: start)
    }

    /// Whether this very process (same pid, same start time) is still running.
    var isAlive: Bool { ProcessIdentity.find(pid) == self }

    /// The process's argv joined by spaces, or "" when unreadable.
    var commandLine: String {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return "" }
        return String(decoding: data.map { $0 == 0 ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }

    /// Its short name from /proc/<pid>/comm ("postgres" for a postmaster).
    var name: String {
        ((try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The record written to a cluster folder's `owner.pid`: "<pid> <starttime>".
    var record: String { "\(pid) \(startTime)\n" }

    /// Parses `record`.
    init?(record: String) {
        let parts = record.split(whereSeparator: \.isWhitespace)
        guard parts.count == 2, let pid = pid_t(parts[0]), let start = UInt64(parts[1]) else { return nil }
        self.init(pid: pid, startTime: start)
    }

    init(pid: pid_t, startTime: UInt64) {
        self.pid = pid
        self.startTime = startTime
    }
}
