import ConfigFile
import ConnectionPool
import Testing
import Workload

/// The run's own keys (`pgbouncer`, `dead_link_timeout`, `[load] paused`, `[bench] duration`, `[sweep] duration` and
/// `sizes`): read with the flags' parsers, layered file < environment < flags key by key, refused in one line, and
/// a config file's relative theme path taken from the file's folder.
@Suite("Config file: the run's keys")
struct RunKeysTests {
    static let file = """
        pgbouncer = "postgresql://admin:hunter2secret@bouncer.example:6432/pgbouncer"
        dead_link_timeout = "3s"

        [load]
        paused = true

        [bench]
        duration = "30s"

        [sweep]
        duration = "2s"
        sizes = "2,4,8"
        """

    func fileLayer() throws -> ConfigLayer { try ConfigFile.parse(Self.file, path: "config.toml") }

    @Test("each key is read as the flag's text with its line, and means what the flag means")
    func readsEveryKey() throws {
        let layer = try fileLayer()
        let expected: [(ConfigKey, String, Int)] = [
            (.pgbouncer, "postgresql://admin:hunter2secret@bouncer.example:6432/pgbouncer", 1), (.deadLinkTimeout, "3s", 2),
            (.paused, "on", 5), (.benchDuration, "30s", 8), (.sweepDuration, "2s", 11), (.sweepSizes, "2,4,8", 12),
        ]
        for (key, text, line) in expected {
            #expect(layer[key] == Setting(text, from: .file(path: "config.toml", line: line)), "\(key)")
        }
        let settings = LayeredSettings([layer])
        #expect(try settings.pgbouncer()?.displayString == "postgresql://admin:***@bouncer.example:6432/pgbouncer")
        #expect(try settings.deadLinkTimeout() == .seconds(3))
        #expect(try settings.load(defaults: LoadSettings()).paused)
        #expect(try settings.duration(.benchDuration) == .seconds(30))
        #expect(try settings.duration(.sweepDuration) == .seconds(2))
        #expect(try settings.sweepSizes() == [2, 4, 8])
    }

    @Test("without the keys: the flags' defaults; 0 and off turn the dead-link bound off")
    func defaults() throws {
        let none = LayeredSettings([])
        #expect(try none.pgbouncer() == nil)
        #expect(try none.deadLinkTimeout() == .seconds(10))
        #expect(try none.load(defaults: LoadSettings()).paused == false)
        #expect(try none.duration(.benchDuration) == .seconds(10))
        #expect(try none.duration(.sweepDuration) == .milliseconds(1500))
        #expect(try none.sweepSizes() == Array(1...64))
        for off in ["0", "0s", "off"] {
            let file = try ConfigFile.parse("dead_link_timeout = \"\(off)\"\n", path: "c.toml")
            #expect(try LayeredSettings([file]).deadLinkTimeout() == nil, "\(off)")
        }
    }

    @Test("a flag beats the file for its key and leaves the file's others; the environment gives none of them")
    func precedence() throws {
        let file = try fileLayer()
        let environment = ConfigLayer.environment(serverVariable: "PGHOST")
        let flags = flag(.pgbouncer, "postgresql://127.0.0.1:6439/pgbouncer", "--pgbouncer")
            .merging(flag(.paused, "off", "--no-paused")).merging(flag(.benchDuration, "5s", "--duration"))
            .merging(flag(.sweepSizes, "1..3", "--sizes"))
        let settings = LayeredSettings([file, environment, flags])
        #expect(try settings.pgbouncer()?.displayString == "postgresql://127.0.0.1:6439/pgbouncer")
        #expect(try settings.load(defaults: LoadSettings()).paused == false)
        #expect(try settings.duration(.benchDuration) == .seconds(5))
        #expect(try settings.sweepSizes() == [1, 2, 3])
        #expect(try settings.deadLinkTimeout() == .seconds(3), "no flag: the file's")
        #expect(try settings.duration(.sweepDuration) == .seconds(2), "no flag: the file's")

        let fileAndEnvironment = LayeredSettings([file, environment])
        #expect(try fileAndEnvironment.pgbouncer()?.displayString == "postgresql://admin:***@bouncer.example:6432/pgbouncer")
        #expect(try fileAndEnvironment.deadLinkTimeout() == .seconds(3))
    }

    @Test("a bad value is one line naming the file, the line and the key, never a password", arguments: [
        ("dead_link_timeout = \"soon\"\n", "c.toml:1: dead_link_timeout: 'soon' is not a duration (e.g. 30s, 500ms) or off"),
        ("[load]\npaused = \"maybe\"\n", "c.toml:2: load.paused: 'maybe' is not on or off"),
        ("[bench]\nduration = \"0s\"\n", "c.toml:2: bench.duration must be longer than 0s"),
        ("[sweep]\n\nduration = \"later\"\n", "c.toml:3: sweep.duration: 'later' is not a duration (e.g. 30s, 500ms)"),
        ("[sweep]\nsizes = \"1..x\"\n", "c.toml:2: sweep.sizes: bad range \"1..x\" (try 5..20 or 5..20:5)"),
        ("[sweep]\nsizes = \"-2\"\n", "c.toml:2: sweep.sizes: sizes must not be negative"),
        ("[bench]\nduraton = \"5s\"\n", "c.toml:2: unknown key 'bench.duraton' (did you mean 'bench.duration'?)"),
        ("bench = 5\n", "c.toml:1: bench: expected a table [bench]"),
    ])
    func refused(text: String, message: String) {
        do {
            _ = try ConfigFile.parse(text, path: "c.toml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("a bad pgbouncer URL names its line and key and masks the password")
    func badPgBouncer() {
        do {
            _ = try ConfigFile.parse("\npgbouncer = \"postgresql://admin:hunter2secret@db/pgbouncer?nonsense=1\"\n", path: "c.toml")
            Issue.record("accepted")
        } catch {
            #expect(error.description.hasPrefix("c.toml:2: pgbouncer: invalid connection target"), "\(error)")
            #expect(!error.description.contains("hunter2secret"))
        }
    }

    @Test("a flag's bad value is named by its flag")
    func badFlag() {
        #expect(throws: ConfigError.badValue("--duration must be longer than 0s")) {
            try LayeredSettings([flag(.benchDuration, "0", "--duration")]).duration(.benchDuration)
        }
        #expect(throws: ConfigError.badValue("--dead-link-timeout: 'x' is not a duration (e.g. 30s, 500ms) or off")) {
            try LayeredSettings([flag(.deadLinkTimeout, "x", "--dead-link-timeout")]).deadLinkTimeout()
        }
    }

    @Test("a theme file in the config file is found from the file's folder; an absolute path, a name or a flag's path as given")
    func themeRelativeToTheFile() throws {
        let folder = "/home/me/.config/pooltop"
        func theme(_ text: String) throws -> String? {
            try LayeredSettings([ConfigFile.parse("theme = \"\(text)\"\n", path: folder + "/config.toml")]).screen().theme
        }
        #expect(try theme("themes/mine.toml") == folder + "/themes/mine.toml")
        #expect(try theme("mine.toml") == folder + "/mine.toml")
        #expect(try theme("../shared/dark.toml") == folder + "/../shared/dark.toml")
        #expect(try theme("/etc/pooltop/dark.toml") == "/etc/pooltop/dark.toml")
        #expect(try theme("solarized") == "solarized")
        let flagged = LayeredSettings([flag(.theme, "themes/mine.toml", "--theme")])
        #expect(try flagged.screen().theme == "themes/mine.toml", "a flag's path is the shell's: from the current folder")
        let relativeFile = try ConfigFile.parse("theme = \"mine.toml\"\n", path: "config.toml")
        #expect(try LayeredSettings([relativeFile]).screen().theme == "mine.toml", "a file in the current folder")
    }

    @Test("--print-config writes the run's keys with their origins, the pgbouncer password masked")
    func printed() throws {
        let settings = LayeredSettings([try fileLayer(), ConfigLayer(), flag(.benchDuration, "5s", "--duration")])
        let text = settings.printed(
            pool: try settings.pool(), load: try settings.load(defaults: LoadSettings()), screen: nil,
            keys: [.pgbouncer, .deadLinkTimeout, .benchDuration])
        #expect(!text.contains("hunter2secret"))
        let lines = text.split(separator: "\n").map(String.init)
        func line(_ start: String) -> String { lines.first { $0.hasPrefix(start) } ?? "(no \(start))" }
        #expect(line("pgbouncer = \"postgresql://admin:***@bouncer.example:6432/pgbouncer\"").hasSuffix("# config.toml:1"))
        #expect(line("dead_link_timeout = \"3s\"").hasSuffix("# config.toml:2"))
        #expect(line("paused = \"on\"").hasSuffix("# config.toml:5"))
        #expect(lines.contains("[bench]"))
        #expect(line("duration = \"5s\"").hasSuffix("# --duration"))
        #expect(!lines.contains("[sweep]"), "only the command's own keys")
        #expect(try ConfigFile.parse(text, path: "printed.toml").settings.count > 0, "the output reads back as a config file")
    }
}
