import Foundation
import Glibc

/// A fresh folder under the temporary directory for a history test (the caller removes it).
func temporaryFolder() -> String {
    let path = NSTemporaryDirectory() + "pooltop-history-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// A file's permission bits, nil when it does not exist.
func mode(_ path: String) -> mode_t? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    return status.st_mode & 0o777
}
