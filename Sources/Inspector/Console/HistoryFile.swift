import Foundation
import Glibc

/// The console's history across runs at `$XDG_STATE_HOME/pooltop/history` (default `~/.local/state/pooltop/history`):
/// folder 0700, file 0600, written atomically; one entry per line with `\n` and `\\` escaped; statements holding
/// a password literal are never written.
public struct HistoryFile: Sendable, Equatable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The standard location for `environment` (XDG_STATE_HOME when absolute, else HOME/.local/state).
    public init(environment: [String: String]) {
        let state = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? "") + "/.local/state"
        self.init(path: state + "/pooltop/history")
    }

    public var folder: String { (path as NSString).deletingLastPathComponent }

    /// The stored entries, oldest first (none when the file does not exist); tightens a wider mode to 0600.
    public func load() throws(HistoryFileError) -> [String] {
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT { return [] }
            throw .failed("stat", path: path, errno: errno)
        }
        if status.st_mode & 0o077 != 0, chmod(path, 0o600) != 0 { throw .failed("chmod", path: path, errno: errno) }
        guard let data = FileManager.default.contents(atPath: path) else { throw .failed("read", path: path, errno: errno) }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map { Self.decode($0) }
    }

    /// Replaces the file with the newest `limit` of `entries` that hold no password literal.
    public func save(_ entries: [String], limit: Int = StatementHistory.defaultLimit) throws(HistoryFileError) {
        try makeFolder()
        let kept = entries.filter { !PasswordLiteral.appears(in: $0) }.suffix(limit)
        let bytes = Array(kept.map { Self.encode($0) + "\n" }.joined().utf8)
        let temporary = path + ".tmp\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .failed("open", path: temporary, errno: errno) }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else {
                let error = errno
                close(descriptor)
                unlink(temporary)
                throw .failed("write", path: temporary, errno: error)
            }
            written += count
        }
        let synced = fchmod(descriptor, 0o600) == 0 && fsync(descriptor) == 0
        let error = errno
        close(descriptor)
        guard synced, rename(temporary, path) == 0 else {
            let failure = synced ? errno : error
            unlink(temporary)
            throw .failed(synced ? "rename" : "fsync", path: path, errno: failure)
        }
    }

    /// Creates the folder (and missing parents) with mode 0700, and tightens the folder itself if it is wider.
    private func makeFolder() throws(HistoryFileError) {
        var partial = ""
        for component in folder.split(separator: "/") {
            partial += "/" + component
            if mkdir(partial, 0o700) != 0, errno != EEXIST { throw .failed("mkdir", path: partial, errno: errno) }
        }
        var status = stat()
        guard stat(folder, &status) == 0 else { throw .failed("stat", path: folder, errno: errno) }
        if status.st_mode & 0o077 != 0, chmod(folder, 0o700) != 0 { throw .failed("chmod", path: folder, errno: errno) }
    }

    static func encode(_ entry: String) -> String {
        entry.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\r", with: "\\r")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func decode(_ line: Substring) -> String {
        var result = ""
        var escaped = false
        for character in line {
            if escaped {
                result.append(character == "n" ? "\n" : character == "r" ? "\r" : character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}

/// A history file operation that failed, with the system's reason.
public enum HistoryFileError: Error, Equatable, CustomStringConvertible {
    case failed(String, path: String, errno: Int32)

    public var description: String {
        switch self {
        case .failed(let operation, let path, let code): "history: \(operation) \(path): \(String(cString: strerror(code)))"
        }
    }
}
