import Foundation
import Testing

/// The config file reaches the live screen: its pool, load, fps and ascii, over the embedded cluster, in tmux.
@Suite(.serialized)
struct ConfigScreenTests {
    @Test("the screen runs with the config file's pool_size, workers, fps and ASCII drawing, and a flag over its workers")
    func screenTakesTheFile() throws {
        let home = try ConfigFileCommandTests.ConfigHome("ascii = true\nfps = 5\n[pool]\npool_size = 3\nmax_overflow = 1\n[load]\nworkers = 6\n")
        let session = try TmuxSession(
            command: "exec env -u PGHOST -u PGHOSTADDR -u PGDATABASE -u PGSERVICE XDG_CONFIG_HOME=\(home.folder) \(Binary.path) --workers 7",
            width: 100, height: 32)
        defer { session.close() }
        let pid = try session.panePID()
        let screen = try session.waitForScreen(timeout: .seconds(30)) { $0.contains("q/s") && $0.contains("7 workers") }
        #expect(screen.contains("pool_size 3  max_overflow 1"), "the file's pool is not on the screen:\n\(screen)")
        #expect(screen.contains("7 workers"), "--workers did not beat the file's workers:\n\(screen)")
        #expect(screen.contains("5 fps"), "the file's fps is not on the screen:\n\(screen)")
        let nonASCII = screen.unicodeScalars.filter { !$0.isASCII }
        #expect(nonASCII.isEmpty, "ascii = true, yet the screen draws Unicode:\n\(screen)")
        try session.send("q")
        #expect(try eventually(timeout: .seconds(15)) { try session.paneIsDead() }, "pooltop still running after q")
        #expect(eventually(timeout: .seconds(10)) { Clusters.folders(ownedBy: pid).isEmpty }, "a cluster folder outlived the run")
    }
}
