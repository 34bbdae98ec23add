import Foundation

/// Finds the embedded clusters a given pooltop process started, and what is left of them.
enum Clusters {
    /// Where EmbeddedPostgres may make clusters: $TMPDIR, /dev/shm, /tmp.
    static var parentFolders: [String] {
        var parents = ["/dev/shm", "/tmp"]
        if let temporary = ProcessInfo.processInfo.environment["TMPDIR"], !temporary.isEmpty {
            parents.append(temporary.hasSuffix("/") ? String(temporary.dropLast()) : temporary)
        }
        return parents
    }

    /// Cluster folders (pooltop-pg-*) whose owner.pid ("pid start-time") names `pid`.
    static func folders(ownedBy pid: Int32) -> [String] {
        parentFolders.flatMap { parent -> [String] in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
            return names.filter { $0.hasPrefix("pooltop-pg-") }.map { "\(parent)/\($0)" }
        }.filter { folder in
            let owner = try? String(contentsOfFile: folder + "/owner.pid", encoding: .utf8)
            return owner?.split(whereSeparator: \.isWhitespace).first.map(String.init) == String(pid)
        }
    }

    /// Processes whose command line mentions `folder` (a postgres server or its children).
    static func processes(using folder: String) -> [Int32] {
        let pids = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap(Int32.init)
        return pids.filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let commandLine = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
            return commandLine.contains(folder)
        }
    }

    /// Whether `pid` is a live process; a zombie (exited, not yet reaped by tmux) counts as gone.
    static func processExists(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return !stat[close...].dropFirst().trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }
}
