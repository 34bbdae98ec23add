import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who runs initdb and the server: the `postgres` system user when we are root (PostgreSQL refuses
/// root), otherwise the invoking user. Wraps commands with `setpriv` to switch user and to ask the
/// kernel to stop the server if the thread that started it dies.
struct ServerUser: Sendable {
    let uid: uid_t
    let gid: gid_t
    /// The user name to switch to, or nil when commands run as the invoking user.
    let switchTo: String?
    /// Path to util-linux `setpriv`, when present.
    let setpriv: String?

    static let setprivCandidates = ["/usr/bin/setpriv", "/bin/setpriv", "/usr/sbin/setpriv"]

    /// The user for this process: `postgres` when root, else ourselves.
    static func current() throws(EmbeddedPostgresError) -> ServerUser {
        let setpriv = setprivCandidates.first { access($0, X_OK) == 0 }
        guard geteuid() == 0 else {
            return ServerUser(uid: geteuid(), gid: getegid(), switchTo: nil, setpriv: setpriv)
        }
        guard let entry = getpwnam("postgres") else {
            throw EmbeddedPostgresError("running as root but there is no 'postgres' system user: install the 'postgresql' package (apt-get install postgresql)")
        }
        guard let setpriv else {
            throw EmbeddedPostgresError("running as root needs setpriv to start PostgreSQL as 'postgres': install the 'util-linux' package")
        }
        return ServerUser(uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid, switchTo: "postgres", setpriv: setpriv)
    }

    /// `executable arguments` as this user; with `stopWithParent`, the kernel sends SIGQUIT
    /// (immediate shutdown) to it when the spawning thread exits.
    func command(_ executable: String, _ arguments: [String], stopWithParent: Bool = false, in directory: String? = nil) -> ChildProcess {
        var prefix: [String] = []
        if let switchTo {
            prefix += ["--reuid=\(switchTo)", "--regid=\(switchTo)", "--init-groups"]
        }
        if stopWithParent, setpriv != nil {
            prefix += ["--pdeathsig", "SIGQUIT"]
        }
        guard let setpriv, !prefix.isEmpty else {
            return ChildProcess(executable: executable, arguments: arguments, workingDirectory: directory)
        }
        return ChildProcess(executable: setpriv, arguments: prefix + ["--", executable] + arguments, workingDirectory: directory)
    }

    /// Gives `path` to this user (a no-op when not switching users).
    func own(_ path: String) throws(EmbeddedPostgresError) {
        guard switchTo != nil else { return }
        guard chown(path, uid, gid) == 0 else {
            throw EmbeddedPostgresError("could not give \(path) to \(switchTo ?? "the server user"): \(String(cString: strerror(errno)))")
        }
    }
}
