import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Removes cluster folders left behind by pooltop runs that died without cleaning up: their
/// `owner.pid` names a process that is gone. Their server, if still running, is stopped first.
enum StaleClusterSweep {
    /// A folder without `owner.pid` is only stale once it is this old (it may be being created).
    static let unownedGracePeriod: TimeInterval = 60

    static func run(in parent: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
        for name in names where name.hasPrefix(ClusterFolder.namePrefix) {
            let folder = ClusterFolder(path: parent + "/" + name)
            guard isStale(folder) else { continue }
            stopServer(of: folder)
            // Claim the folder by renaming it, so concurrent sweeps never delete the same tree.
            let claimed = ClusterFolder(path: folder.path + ".removing")
            if rename(folder.path, claimed.path) == 0 { claimed.remove() }
        }
    }

    private static func isStale(_ folder: ClusterFolder) -> Bool {
        if let owner = folder.owner { return !owner.isAlive }
        let attributes = try? FileManager.default.attributesOfItem(atPath: folder.path)
        guard let modified = attributes?[.modificationDate] as? Date else { return false }
        return Date().timeIntervalSince(modified) > unownedGracePeriod
    }

    /// Stops the folder's postmaster if it is alive and really is a postgres serving that folder.
    private static func stopServer(of folder: ClusterFolder) {
        guard let pidFile = PostmasterPIDFile(dataDirectory: folder.dataDirectory),
              let server = ProcessIdentity.find(pidFile.pid),
              server.name == "postgres", server.commandLine.contains(folder.dataDirectory) else { return }
        for (signal, patience) in [(SIGQUIT, 3.0), (SIGKILL, 2.0)] {
            kill(server.pid, signal)
            let deadline = Date().addingTimeInterval(patience)
            while server.isAlive && Date() < deadline { usleep(10_000) }
            if !server.isAlive { return }
        }
    }
}
