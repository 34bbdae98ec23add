import Foundation
import Testing

/// The run's keys in a config file through the real binary: `--print-config` shows them with their origins under
/// the flags, the pgbouncer password masked, and a bad one stops the command in one line with exit status 2.
extension ConfigFileCommandTests {
    static let runKeys = """
        pgbouncer = "postgresql://admin:hunter2secret@127.0.0.1:1/pgbouncer"
        dead_link_timeout = "4s"
        [load]
        paused = true
        [bench]
        duration = "30s"
        [sweep]
        duration = "2s"
        sizes = "2,4,8"
        """

    @Test("--print-config: pgbouncer, dead_link_timeout, paused and the commands' durations and sizes, file < flags")
    func runKeysUnderTheFlags() throws {
        let home = try ConfigHome(Self.runKeys)
        let bench = try Binary.run(["bench", "--print-config"], environment: home.environment())
        #expect(bench.status == 0, "stderr: \(bench.stderr)")
        #expect(line(bench.stdout, "pgbouncer = ") == line(bench.stdout, "pgbouncer = \"postgresql://admin:***@127.0.0.1:1/pgbouncer\""))
        #expect(line(bench.stdout, "pgbouncer = ").hasSuffix("# \(home.file):1"))
        #expect(line(bench.stdout, "dead_link_timeout = \"4s\"").hasSuffix("# \(home.file):2"))
        #expect(line(bench.stdout, "paused = \"on\"").hasSuffix("# \(home.file):4"))
        #expect(line(bench.stdout, "duration = \"30s\"").hasSuffix("# \(home.file):6"))
        #expect(!bench.stdout.contains("[sweep]"))

        let flagged = try Binary.run(
            ["bench", "--print-config", "--duration", "5s", "--no-paused", "--dead-link-timeout", "0", "--pgbouncer", "postgresql://127.0.0.1:2/pgbouncer"],
            environment: home.environment())
        #expect(flagged.status == 0, "stderr: \(flagged.stderr)")
        #expect(line(flagged.stdout, "duration = \"5s\"").hasSuffix("# --duration"))
        #expect(line(flagged.stdout, "paused = \"off\"").hasSuffix("# --no-paused"))
        #expect(line(flagged.stdout, "dead_link_timeout = \"off\"").hasSuffix("# --dead-link-timeout"))
        #expect(line(flagged.stdout, "pgbouncer = \"postgresql://127.0.0.1:2/pgbouncer\"").hasSuffix("# --pgbouncer"))

        let sweep = try Binary.run(["sweep", "--print-config", "--sizes", "1..4"], environment: home.environment())
        #expect(sweep.status == 0, "stderr: \(sweep.stderr)")
        #expect(line(sweep.stdout, "duration = \"2s\"").hasSuffix("# \(home.file):8"))
        #expect(line(sweep.stdout, "sizes = \"1..4\"").hasSuffix("# --sizes"))
        #expect(!sweep.stdout.contains("pgbouncer = "), "a sweep watches no pgbouncer")
        for outcome in [bench, flagged, sweep] { #expect(!(outcome.stdout + outcome.stderr).contains("hunter2secret")) }
    }

    @Test("a bad run key in the file: one line naming file, line and key, exit 2, whatever the flags say")
    func badRunKey() throws {
        let home = try ConfigHome("[bench]\nduration = \"soon\"\n")
        let outcome = try Binary.run(["bench", "--duration", "1s", "--url", "postgresql://127.0.0.1:1/x"], environment: home.environment())
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "pooltop: \(home.file):2: bench.duration: 'soon' is not a duration (e.g. 30s, 500ms)\n", "stderr: \(outcome.stderr)")
        let flag = try Binary.run(["bench", "--no-config", "--duration", "0s"], environment: home.environment())
        #expect(flag.status == 2)
        #expect(flag.stderr.hasPrefix("pooltop: --duration must be longer than 0s"), "stderr: \(flag.stderr)")
    }

    @Test("a theme file named by a relative path in the config file is read from the file's folder, not the current one")
    func themeFromTheFilesFolder() throws {
        let home = try ConfigHome("theme = \"themes/mine.toml\"\n")
        let printed = try Binary.run(["--print-config"], environment: home.environment())
        #expect(printed.status == 0, "stderr: \(printed.stderr)")
        #expect(line(printed.stdout, "theme = ").hasPrefix("theme = \"\(home.folder)/pooltop/themes/mine.toml\""), "\(printed.stdout)")
    }
}
