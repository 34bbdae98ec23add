import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The server's `postmaster.pid`: line 1 is the postmaster's pid, line 8 its status
/// ("ready" once it accepts connections; "starting", "stopping" before and after).
struct PostmasterPIDFile: Sendable {
    let pid: pid_t
    let status: String

    /// Reads `<dataDirectory>/postmaster.pid`, or nil while it is absent or half written.
    init?(dataDirectory: String) {
        guard let text = try? String(contentsOfFile: dataDirectory + "/postmaster.pid", encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, let pid = pid_t(first.trimmingCharacters(in: .whitespaces)) else { return nil }
        self.pid = pid
        self.status = lines.count > 7 ? lines[7].trimmingCharacters(in: .whitespaces) : ""
    }

    var isReady: Bool { status == "ready" }
}
