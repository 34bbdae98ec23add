import ConfigFile
import ConnectionPool
import Testing
import Workload

/// Reading a config file into a layer: every key in the flags' syntax, checked by its knob's own parser, and
/// each refusal naming the file, the line and the key in one line.
@Suite("Config file: reading and refusing")
struct ConfigFileParsingTests {
    static let example = """
        # pooltop defaults
        target = "postgresql://bob:hunter2secret@db.example:5432/app"
        preset = "hikari"
        theme = "solarized"
        fps = 20

        [pool]
        pool_size = 8
        max_overflow = -1
        timeout = "5s"
        pre_ping = true

        [load]
        workers = 40
        rate = 250.5
        mix = "select1:3, sleep(5ms):1"
        """

    @Test("each key is read as the flag's text, with its line")
    func readsEveryKey() throws {
        let layer = try ConfigFile.parse(Self.example, path: "config.toml")
        let expected: [(ConfigKey, String, Int)] = [
            (.target, "postgresql://bob:hunter2secret@db.example:5432/app", 2), (.preset, "hikari", 3), (.theme, "solarized", 4),
            (.fps, "20", 5), (.pool(.poolSize), "8", 8), (.pool(.maxOverflow), "-1", 9), (.pool(.timeout), "5s", 10),
            (.pool(.prePing), "on", 11), (.load(.workers), "40", 14), (.load(.rate), "250.5", 15),
            (.load(.mix), "select1:3, sleep(5ms):1", 16),
        ]
        for (key, text, line) in expected {
            #expect(layer[key] == Setting(text, from: .file(path: "config.toml", line: line)), "\(key)")
        }
        #expect(layer.settings.count == expected.count)
    }

    @Test("the values go through the knobs' parsers: the file's pool and load are the flags' ones")
    func valuesMeanWhatTheFlagsMean() throws {
        let settings = LayeredSettings([try ConfigFile.parse(Self.example, path: "config.toml")])
        let pool = try settings.pool()
        var expected = Preset.hikari.configuration
        try PoolKnob.apply([(.poolSize, "8"), (.maxOverflow, "unlimited"), (.timeout, "5s"), (.prePing, "on")], to: &expected)
        expected.presetName = "hikari+custom"
        #expect(pool == expected)
        let load = try settings.load(defaults: LoadSettings())
        #expect(load.workers == 40)
        #expect(load.arrivalRate == 250.5)
        #expect(load.mix == (try QueryMix.parse("select1:3,sleep(5ms)")))
        #expect(try settings.screen() == ScreenSettings(theme: "solarized", fps: 20, ascii: false))
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var text: String
        var message: String
        var testDescription: String { message }
    }

    static let bad: [Bad] = [
        Bad(text: "[pool]\npool_sise = 5\n", message: "c.toml:2: unknown key 'pool.pool_sise' (did you mean 'pool.pool_size'?)"),
        Bad(text: "# top\npool_size = 5\n", message: "c.toml:2: unknown key 'pool_size' (did you mean 'pool.pool_size'?)"),
        Bad(text: "[load]\nworkers = 2\n[pool]\nworkers = 3\n", message: "c.toml:4: unknown key 'pool.workers' (did you mean 'load.workers'?)"),
        Bad(text: "colour = 1\n", message: "c.toml:1: unknown key 'colour'"),
        Bad(text: "[poool]\nx = 1\n", message: "c.toml:1: unknown key 'poool' (did you mean 'pool'?)"),
        Bad(text: "[pool]\ntimeout = \"soon\"\n", message: "c.toml:2: pool.timeout: 'soon' is not a duration (e.g. 30s, 500ms)"),
        Bad(text: "[pool]\n\npool_size = -3\n", message: "c.toml:3: pool.pool_size must be 0 or more, not -3"),
        Bad(text: "[pool]\nidle_order = \"newest\"\n", message: "c.toml:2: pool.idle_order: 'newest' is not one of lifo, fifo"),
        Bad(text: "[load]\nrate = -5\n", message: "c.toml:2: load.rate must be a positive number of queries a second, or off"),
        Bad(text: "preset = \"tomcat\"\n", message: "c.toml:1: preset: no preset called 'tomcat' (sqlalchemy, hikari, psycopg, pgx, database-sql)"),
        Bad(text: "fps = 90\n", message: "c.toml:1: fps must be between 0 and 60, not 90"),
        Bad(text: "[load]\nworkers = [1, 2]\n", message: "c.toml:2: load.workers: expected a string, a number or true/false (as the flag takes it), not a TOML array"),
        Bad(text: "pool = 5\n", message: "c.toml:1: pool: expected a table [pool]"),
        Bad(text: "[load]\nmix = \"rw\"\nquery = \"SELECT 2\"\n", message: "c.toml:3: load.query and load.mix fill the same slot: give one"),
    ]

    @Test("a bad key or value is refused in one line naming the file, the line and the key", arguments: bad)
    func refused(_ case_: Bad) {
        #expect(throws: ConfigError.self) { try ConfigFile.parse(case_.text, path: "c.toml") }
        do {
            _ = try ConfigFile.parse(case_.text, path: "c.toml")
        } catch {
            #expect(error.description == case_.message)
        }
    }

    @Test("a syntax error gives TOMLKit's line and column and the key on that line")
    func syntaxError() throws {
        do {
            _ = try ConfigFile.parse("preset = \"hikari\"\n[pool]\ntimeout = 5s\n", path: "c.toml")
            Issue.record("a syntax error was accepted")
        } catch {
            guard case .syntax(_, let line, let column, let key, _) = error else { Issue.record("not a syntax error: \(error)"); return }
            #expect(line == 3)
            #expect(column > 1)
            #expect(key == "pool.timeout")
            #expect(error.description.hasPrefix("c.toml:3:\(column): pool.timeout: TOML syntax error: "))
        }
    }

    @Test("a password in the target never appears in a refusal")
    func passwordNeverEchoed() {
        let files = [
            "target = \"postgresql://bob:hunter2secret@db/app\n",  // unterminated string
            "target = \"postgresql://bob:hunter2secret@db/app?nonsense=1\"\n",  // libpq refuses it
            "target = \"host=db password='hunter2secret\"\n",  // an unterminated quote in the conninfo
            "targt = \"postgresql://bob:hunter2secret@db/app\"\n",
        ]
        for text in files {
            do {
                _ = try ConfigFile.parse(text, path: "c.toml")
                Issue.record("accepted: \(text)")
            } catch {
                #expect(!error.description.contains("hunter2secret"), "\(error)")
                #expect(!error.description.contains("\n"))
                #expect(error.description.hasPrefix("c.toml:1"), "\(error)")
            }
        }
    }

    @Test("a missing default file is no layer; a missing file the user named is refused")
    func missingFile() throws {
        #expect(try ConfigFile.load(path: "/nonexistent/pooltop/config.toml", required: false) == ConfigLayer())
        #expect(throws: ConfigError.unreadable(path: "/nonexistent/x.toml", reason: "no such config file")) {
            try ConfigFile.load(path: "/nonexistent/x.toml", required: true)
        }
    }

    @Test("the file is found under XDG_CONFIG_HOME, else under HOME")
    func defaultPath() {
        #expect(ConfigFile.defaultPath(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/pooltop/config.toml")
        #expect(ConfigFile.defaultPath(environment: ["XDG_CONFIG_HOME": "", "HOME": "/h"]) == "/h/.config/pooltop/config.toml")
        #expect(ConfigFile.defaultPath(environment: [:]) == nil)
    }
}
