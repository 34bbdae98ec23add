import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The PostgreSQL server programs this machine has: the folder holding `postgres`, `initdb`
/// and `psql`, and the server's major version.
struct ServerBinaries: Sendable {
    let directory: String
    let majorVersion: String

    var postgres: String { directory + "/postgres" }
    var initdb: String { directory + "/initdb" }

    static let notFoundMessage = "PostgreSQL server binaries not found: install the 'postgresql' package (apt-get install postgresql)"

    /// Where to look: each `pg_config` asked for `--bindir` first, then `<root>/<version>/bin`
    /// under each root, highest version first.
    struct Search: Sendable {
        var pgConfigCandidates: [String]
        var versionedRoots: [String]

        static var standard: Search {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
            let fromPath = path.split(separator: ":").map { "\($0)/pg_config" }
            return Search(pgConfigCandidates: fromPath + ["/usr/bin/pg_config"], versionedRoots: ["/usr/lib/postgresql"])
        }
    }

    /// Finds the server programs or throws the one-line "install postgresql" error.
    static func locate(_ search: Search) throws(EmbeddedPostgresError) -> ServerBinaries {
        for directory in candidateDirectories(search) where isServerDirectory(directory) {
            if let major = majorVersion(of: directory + "/postgres") {
                return ServerBinaries(directory: directory, majorVersion: major)
            }
        }
        throw EmbeddedPostgresError(notFoundMessage)
    }

    private static func candidateDirectories(_ search: Search) -> [String] {
        var directories: [String] = []
        for pgConfig in search.pgConfigCandidates where access(pgConfig, X_OK) == 0 {
            let command = ChildProcess(executable: pgConfig, arguments: ["--bindir"])
            if let (status, output) = try? command.run(), status == 0 {
                directories.append(output.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        for root in search.versionedRoots {
            let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
            let newestFirst = versions.sorted { (Double($0) ?? 0) > (Double($1) ?? 0) }
            directories += newestFirst.map { "\(root)/\($0)/bin" }
        }
        return directories
    }

    private static func isServerDirectory(_ directory: String) -> Bool {
        ["postgres", "initdb", "psql"].allSatisfy { access("\(directory)/\($0)", X_OK) == 0 }
    }

    /// "15" from "postgres (PostgreSQL) 15.18 (Debian …)".
    private static func majorVersion(of postgres: String) -> String? {
        guard let (status, output) = try? ChildProcess(executable: postgres, arguments: ["-V"]).run(), status == 0 else {
            return nil
        }
        guard let marker = output.range(of: "(PostgreSQL) ") else { return nil }
        let major = output[marker.upperBound...].prefix { $0.isNumber }
        return major.isEmpty ? nil : String(major)
    }
}
