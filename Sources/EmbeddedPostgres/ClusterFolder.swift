import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The temporary folder of one cluster, `<parent>/pooltop-pg-XXXXXX`: the socket, `data/`,
/// `server.log`, and `owner.pid` naming the pooltop process that may delete it.
struct ClusterFolder: Sendable {
    let path: String

    static let namePrefix = "pooltop-pg-"

    var dataDirectory: String { path + "/data" }
    var logFile: String { path + "/server.log" }
    var ownerFile: String { path + "/owner.pid" }

    /// Where clusters are made: `$TMPDIR` when set; else /dev/shm (RAM: a start copies the
    /// template, which takes ~0.05 s there and ~0.8 s on this machine's disk); else /tmp.
    static var parentDirectory: String {
        if let temporary = temporaryDirectoryVariable { return temporary }
        return access("/dev/shm", W_OK | X_OK) == 0 ? "/dev/shm" : "/tmp"
    }

    /// Every place a cluster folder may have been made, for the stale sweep.
    static var possibleParentDirectories: [String] {
        var parents = ["/dev/shm", "/tmp"]
        if let temporary = temporaryDirectoryVariable, !parents.contains(temporary) { parents.insert(temporary, at: 0) }
        return parents
    }

    private static var temporaryDirectoryVariable: String? {
        let value = ProcessInfo.processInfo.environment["TMPDIR"] ?? ""
        let trimmed = value.count > 1 && value.hasSuffix("/") ? String(value.dropLast()) : value
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Makes a fresh folder owned by `user`, recording this process as its owner.
    static func create(in parent: String, for user: ServerUser) throws(EmbeddedPostgresError) -> ClusterFolder {
        var template = Array("\(parent)/\(namePrefix)XXXXXX".utf8CString)
        guard mkdtemp(&template) != nil else {
            throw EmbeddedPostgresError("could not create a folder in \(parent): \(String(cString: strerror(errno)))")
        }
        let folder = ClusterFolder(path: String(nulTerminated: template))
        guard let owner = ProcessIdentity.current,
              FileManager.default.createFile(atPath: folder.ownerFile, contents: Data(owner.record.utf8)) else {
            folder.remove()
            throw EmbeddedPostgresError("could not record the owner of \(folder.path)")
        }
        do throws(EmbeddedPostgresError) {
            try user.own(folder.path)
        } catch {
            folder.remove()
            throw error
        }
        return folder
    }

    /// The process recorded in `owner.pid`, or nil when the file is missing or unreadable.
    var owner: ProcessIdentity? {
        guard let text = try? String(contentsOfFile: ownerFile, encoding: .utf8) else { return nil }
        return ProcessIdentity(record: text)
    }

    /// Replaces the recorded owner (tests use this to fake a killed owner).
    func recordOwner(_ owner: ProcessIdentity) {
        _ = FileManager.default.createFile(atPath: ownerFile, contents: Data(owner.record.utf8))
    }

    /// The last lines of the server log, joined into one trimmed line.
    func logTail(lines: Int = 4, maximumLength: Int = 400) -> String {
        let text = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
        let tail = text.split(separator: "\n").suffix(lines).map { $0.trimmingCharacters(in: .whitespaces) }
        let joined = tail.joined(separator: " | ")
        return joined.count > maximumLength ? "…" + joined.suffix(maximumLength) : joined
    }

    /// Deletes the folder and everything in it; a missing folder is fine.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
