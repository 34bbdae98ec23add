import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An initdb'd data directory cached in /var/tmp and copied for every cluster, so a start costs a
/// copy instead of an initdb. Built once under an flock and published by an atomic rename.
struct ClusterTemplate: Sendable {
    let path: String

    /// Settings appended to the template's postgresql.conf; port, socket folder and listen
    /// address come on the server's command line.
    static let settings = """

        # pooltop: a throwaway cluster for experiments; speed over durability.
        max_connections = 300
        shared_buffers = 32MB
        fsync = off
        synchronous_commit = off
        full_page_writes = off
        """

    /// Trust for local connections only: the unix socket and loopback TCP.
    static let hostBasedAuthentication = """
        # pooltop: trust for local connections only.
        local all all               trust
        host  all all 127.0.0.1/32  trust
        host  all all ::1/128       trust

        """

    static let completeMarker = "pooltop-template-complete"
    /// Written into the marker; bump it when the initdb options or settings change, so an older
    /// cached template is rebuilt.
    static let format = "2"

    /// The template for these binaries and this user, built now if missing.
    static func prepare(binaries: ServerBinaries, user: ServerUser) throws(EmbeddedPostgresError) -> ClusterTemplate {
        let cache = access("/var/tmp", W_OK) == 0 ? "/var/tmp" : ClusterFolder.parentDirectory
        let template = ClusterTemplate(path: "\(cache)/pooltop-template-\(binaries.majorVersion)-\(geteuid())")
        if template.isComplete(major: binaries.majorVersion) { return template }

        let lock = open(template.path + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard lock >= 0 else {
            throw EmbeddedPostgresError("could not open \(template.path).lock: \(String(cString: strerror(errno)))")
        }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 && errno == EINTR {}
        defer { flock(lock, LOCK_UN) }

        if template.isComplete(major: binaries.majorVersion) { return template }
        try template.build(binaries: binaries, user: user)
        return template
    }

    private func isComplete(major: String) -> Bool {
        let version = try? String(contentsOfFile: path + "/PG_VERSION", encoding: .utf8)
        let format = try? String(contentsOfFile: path + "/" + ClusterTemplate.completeMarker, encoding: .utf8)
        return format == ClusterTemplate.format && version?.trimmingCharacters(in: .whitespacesAndNewlines) == major
    }

    private func build(binaries: ServerBinaries, user: ServerUser) throws(EmbeddedPostgresError) {
        let staging = "\(path).staging-\(getpid())"
        try? FileManager.default.removeItem(atPath: staging)
        try? FileManager.default.removeItem(atPath: path)
        guard mkdir(staging, 0o700) == 0 else {
            throw EmbeddedPostgresError("could not create \(staging): \(String(cString: strerror(errno)))")
        }
        do throws(EmbeddedPostgresError) {
            try user.own(staging)
            // 1 MB WAL segments instead of 16: every start copies the template, and the first
            // segment is otherwise the largest file in it.
            let initdb = user.command(binaries.initdb, [
                "-D", staging, "-U", "postgres", "-E", "UTF8", "--no-locale",
                "--auth=trust", "--no-sync", "--no-instructions", "--wal-segsize=1",
            ], in: staging)
            let (status, output) = try initdb.run()
            guard status == 0 else {
                let reason = output.split(separator: "\n").last.map(String.init) ?? "exit status \(status)"
                throw EmbeddedPostgresError("initdb failed: \(reason)")
            }
            try overwrite(staging + "/pg_hba.conf", with: ClusterTemplate.hostBasedAuthentication, appending: false)
            try overwrite(staging + "/postgresql.conf", with: ClusterTemplate.settings, appending: true)
            try overwrite(staging + "/" + ClusterTemplate.completeMarker, with: ClusterTemplate.format, appending: false, creating: true)
            try user.own(staging + "/" + ClusterTemplate.completeMarker)
            guard rename(staging, path) == 0 else {
                throw EmbeddedPostgresError("could not publish the template at \(path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
    }

    /// Writes into a file in place, so it keeps the owner initdb gave it.
    private func overwrite(_ file: String, with text: String, appending: Bool, creating: Bool = false) throws(EmbeddedPostgresError) {
        let flags = O_WRONLY | O_CLOEXEC | (appending ? O_APPEND : O_TRUNC) | (creating ? O_CREAT : 0)
        let descriptor = open(file, flags, 0o600)
        guard descriptor >= 0 else {
            throw EmbeddedPostgresError("could not write \(file): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        guard bytes.isEmpty || write(descriptor, bytes, bytes.count) == bytes.count else {
            throw EmbeddedPostgresError("could not write \(file): \(String(cString: strerror(errno)))")
        }
    }

    /// Copies the template to `destination` with `cp -a`, keeping owners and modes.
    func copy(to destination: String) throws(EmbeddedPostgresError) {
        let (status, output) = try ChildProcess(executable: "/bin/cp", arguments: ["-a", path, destination]).run()
        guard status == 0 else {
            throw EmbeddedPostgresError("could not copy the cluster template: \(output.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        try? FileManager.default.removeItem(atPath: destination + "/" + ClusterTemplate.completeMarker)
    }
}
