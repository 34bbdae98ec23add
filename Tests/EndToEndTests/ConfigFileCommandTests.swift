import ConnectionPool
import Foundation
import Inspector
import Testing

/// The config file through the real binary: found in $XDG_CONFIG_HOME, under the environment and the flags,
/// refused in one line with exit status 2, and the completion scripts naming the real presets and themes.
@Suite("Config file and completions: the binary")
struct ConfigFileCommandTests {
    /// A temporary $XDG_CONFIG_HOME holding pooltop/config.toml (and pooltop/themes), removed after the test.
    final class ConfigHome {
        let folder: String
        var file: String { folder + "/pooltop/config.toml" }

        init(_ text: String) throws {
            folder = NSTemporaryDirectory() + "pooltop-config-test-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder + "/pooltop/themes", withIntermediateDirectories: true)
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        }

        deinit { try? FileManager.default.removeItem(atPath: folder) }

        /// This process's environment without PG* variables, with XDG_CONFIG_HOME here, plus `extra`.
        func environment(_ extra: [String: String] = [:]) -> [String: String] {
            var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
            environment["XDG_CONFIG_HOME"] = folder
            return environment.merging(extra) { _, new in new }
        }
    }

    static let file = """
        # pooltop defaults for the tests
        target = "postgresql://bob:hunter2secret@127.0.0.1:1/app"
        preset = "hikari"

        [pool]
        pool_size = 3
        max_overflow = 0
        timeout = "5s"

        [load]
        workers = 4
        mix = "select1"
        """

    /// The line of `text` that starts with `start`.
    func line(_ text: String, _ start: String) -> String {
        text.split(separator: "\n").first { $0.hasPrefix(start) }.map(String.init) ?? "(no line \(start))"
    }

    @Test("--print-config: the file's knobs and load under the flags, its target under PG* and --url, no password")
    func precedenceOfTheParsedOptions() throws {
        let home = try ConfigHome(Self.file)
        let fileOnly = try Binary.run(["bench", "--print-config"], environment: home.environment())
        #expect(fileOnly.status == 0, "stderr: \(fileOnly.stderr)")
        #expect(line(fileOnly.stdout, "target = ").contains("postgresql://bob:***@127.0.0.1:1/app"))
        #expect(line(fileOnly.stdout, "pool_size = 3").hasSuffix("# \(home.file):6"))
        #expect(line(fileOnly.stdout, "workers = 4").hasSuffix("# \(home.file):11"))
        #expect(line(fileOnly.stdout, "preset = \"hikari\"").hasSuffix("# \(home.file):3"))

        let overridden = try Binary.run(
            ["bench", "--print-config", "--pool-size", "7", "--workers", "9"], environment: home.environment(["PGHOST": "/nonexistent"]))
        #expect(overridden.status == 0, "stderr: \(overridden.stderr)")
        #expect(line(overridden.stdout, "pool_size = ").hasPrefix("pool_size = 7"))
        #expect(line(overridden.stdout, "pool_size = ").hasSuffix("# --pool-size"))
        #expect(line(overridden.stdout, "workers = ").hasPrefix("workers = 9"))
        #expect(line(overridden.stdout, "timeout = ").hasSuffix("# \(home.file):8"), "the file's other knobs stay")
        #expect(line(overridden.stdout, "# target: ").contains("PGHOST is set"), "PG* naming a server beats the file's target")

        let url = try Binary.run(
            ["bench", "--print-config", "--url", "postgresql://127.0.0.1:2/other"], environment: home.environment(["PGHOST": "/nonexistent"]))
        #expect(line(url.stdout, "target = ").contains("postgresql://127.0.0.1:2/other"))
        #expect(line(url.stdout, "target = ").hasSuffix("# --url"))

        let none = try Binary.run(["bench", "--print-config", "--no-config"], environment: home.environment())
        #expect(line(none.stdout, "pool_size = ").hasPrefix("pool_size = 5"), "--no-config: SQLAlchemy's defaults")
        for outcome in [fileOnly, overridden, url, none] {
            #expect(!(outcome.stdout + outcome.stderr).contains("hunter2secret"))
        }
    }

    @Test("a bench runs with the file's pool and load, a flag over the file's workers, against the embedded server")
    func benchUsesTheFile() throws {
        let home = try ConfigHome(Self.file.replacing("target = \"postgresql://bob:hunter2secret@127.0.0.1:1/app\"\n", with: ""))
        let outcome = try Binary.run(["bench", "--duration", "1", "--warmup", "200ms", "--workers", "6", "--json"], environment: home.environment())
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(report["pool_size"] as? Int == 3)
        #expect(report["max_overflow"] as? Int == 0)
        #expect(report["workers"] as? Int == 6)
        #expect((report["peak_in_use"] as? Int ?? 99) <= 3, "the pool never held more than the file's pool_size")
        #expect((report["queries"] as? Int ?? 0) > 0)
        #expect(Clusters.folders(ownedBy: outcome.pid).isEmpty, "a cluster folder outlived the run")
    }

    struct BadFile: Sendable, CustomTestStringConvertible {
        var text: String
        /// What stderr must say after the file's path.
        var says: String
        var testDescription: String { says }
    }

    static let badFiles: [BadFile] = [
        BadFile(text: "preset = \"hikari\"\n[pool]\npool_sise = 5\n", says: ":3: unknown key 'pool.pool_sise' (did you mean 'pool.pool_size'?)"),
        BadFile(text: "[load]\nworkers = 4\nthink = \"often\"\n", says: ":3: load.think: 'often' is not a duration (e.g. 30s, 500ms)"),
        BadFile(text: "fps = 10\n[pool]\ntimeout = 5s\n", says: ":3:"),
    ]

    @Test("a bad file: its path, line and key in one line on stderr, exit status 2, for the screen, bench and sweep", arguments: badFiles)
    func badFile(_ bad: BadFile) throws {
        let home = try ConfigHome(bad.text)
        for command in [[], ["bench"], ["sweep"]] {
            let outcome = try Binary.run(command, environment: home.environment())
            #expect(outcome.status == 2, "\(command): status \(outcome.status)")
            #expect(outcome.stderr.hasPrefix("pooltop: \(home.file)\(bad.says)"), "\(command): \(outcome.stderr)")
            #expect(outcome.stderr.split(separator: "\n").count == 1, "\(command): \(outcome.stderr)")
            #expect(outcome.stdout.isEmpty)
            #expect(Clusters.folders(ownedBy: outcome.pid).isEmpty, "a bad file started a cluster")
        }
        if bad.says == ":3:" {
            let outcome = try Binary.run(["bench"], environment: home.environment())
            #expect(outcome.stderr.contains("pool.timeout: TOML syntax error: "), "the syntax error names its key: \(outcome.stderr)")
        }
    }

    @Test("--config names another file; one that does not exist is refused with status 2")
    func explicitFile() throws {
        let home = try ConfigHome("[pool]\npool_size = 1\n")
        let other = home.folder + "/other.toml"
        try "[pool]\npool_size = 11\n".write(toFile: other, atomically: true, encoding: .utf8)
        let named = try Binary.run(["bench", "--config", other, "--print-config"], environment: home.environment())
        #expect(line(named.stdout, "pool_size = ").hasPrefix("pool_size = 11"), "\(named.stdout)")
        let missing = try Binary.run(["bench", "--config", home.folder + "/missing.toml"], environment: home.environment())
        #expect(missing.status == 2)
        #expect(missing.stderr == "pooltop: \(home.folder)/missing.toml: no such config file\n")
    }

    @Test("the bash completion script completes the presets and the themes of the real catalog, user themes too")
    func completions() throws {
        let home = try ConfigHome("")
        try "[idle]\nfg = \"green\"\n".write(toFile: home.folder + "/pooltop/themes/my-own-theme.toml", atomically: true, encoding: .utf8)
        let bash = try Binary.run(["completions", "bash"], environment: home.environment())
        #expect(bash.status == 0, "stderr: \(bash.stderr)")
        for name in Preset.allCases.map(\.rawValue) + ThemeCatalog.builtInNames + ["my-own-theme"] + IdleOrder.allCases.map(\.rawValue) {
            #expect(bash.stdout.contains(name), "the bash script does not complete \(name)")
        }
        let generated = try Binary.run(["--generate-completion-script", "bash"], environment: home.environment())
        #expect(generated.stdout == bash.stdout, "completions is the same script as --generate-completion-script")
        for shell in ["zsh", "fish"] {
            let outcome = try Binary.run(["completions", shell], environment: home.environment())
            #expect(outcome.status == 0)
            #expect(outcome.stdout.contains("database-sql"), "\(shell)")
        }
        let unknown = try Binary.run(["completions", "tcsh"], environment: home.environment())
        #expect(unknown.status == 2)
    }
}
