import Foundation
import Glibc
import Testing
@testable import Inspector

@Suite struct HistoryFileTests {
    @Test func pathFollowsXDGStateHomeOrDefaultsUnderHome() {
        #expect(HistoryFile(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]).path == "/s/pooltop/history")
        #expect(HistoryFile(environment: ["HOME": "/h"]).path == "/h/.local/state/pooltop/history")
        #expect(HistoryFile(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]).path == "/h/.local/state/pooltop/history")
    }

    @Test func savesWithPrivateModesAndLoadsMultiLineEntriesBack() throws {
        let root = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = HistoryFile(environment: ["XDG_STATE_HOME": root + "/state"])
        let entries = ["select 1;", "select 'a\\nb',\n  2\r\nfrom t;", "select '\\\\';"]
        try file.save(entries)
        #expect(mode(file.folder) == 0o700)
        #expect(mode(file.path) == 0o600)
        #expect(try file.load() == entries)
        #expect(try String(contentsOfFile: file.path, encoding: .utf8).split(separator: "\n").count == 3)
    }

    @Test func neverWritesAStatementWithAPasswordAndKeepsTheNewestUpToTheLimit() throws {
        let root = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = HistoryFile(path: root + "/pooltop/history")
        try file.save(["a;", "ALTER ROLE app PASSWORD 'secret';", "b;", "c;"], limit: 2)
        #expect(try file.load() == ["b;", "c;"])
        #expect(try !String(contentsOfFile: file.path, encoding: .utf8).contains("secret"))
    }

    @Test func tightensAFileAndFolderThatWereWider() throws {
        let root = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = HistoryFile(path: root + "/pooltop/history")
        try FileManager.default.createDirectory(atPath: file.folder, withIntermediateDirectories: true)
        chmod(file.folder, 0o755)
        #expect(FileManager.default.createFile(atPath: file.path, contents: Data("old;\n".utf8)))
        chmod(file.path, 0o644)
        #expect(try file.load() == ["old;"])
        #expect(mode(file.path) == 0o600)
        try file.save(["old;", "new;"])
        #expect(mode(file.folder) == 0o700)
        #expect(mode(file.path) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: file.folder) == ["history"], "no temporary file left")
    }

    @Test func aMissingFileIsAnEmptyHistory() throws {
        let root = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try HistoryFile(path: root + "/none/history").load() == [])
    }
}
