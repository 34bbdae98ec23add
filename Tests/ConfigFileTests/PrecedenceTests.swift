import ConfigFile
import ConnectionPool
import Testing
import Workload

/// The rule, key by key: the config file < the environment < the flags. Layers are built as the executable
/// builds them (the file's parsed text, `ConfigLayer.environment`, flags named by their flag).
@Suite("Config precedence: file < environment < flags")
struct PrecedenceTests {
    static let file = """
        target = "postgresql://bob:hunter2secret@filehost/app"
        preset = "hikari"
        [pool]
        pool_size = 8
        timeout = "5s"
        [load]
        workers = 40
        think = "7ms"
        mix = "rw"
        """

    func fileLayer() throws -> ConfigLayer { try ConfigFile.parse(Self.file, path: "config.toml") }

    @Test("a pool knob: the file's value stands until a flag gives one; the preset's others stay under both")
    func poolKnob() throws {
        let fileOnly = try LayeredSettings([fileLayer()]).pool()
        #expect(fileOnly.poolSize == 8)
        #expect(fileOnly.checkoutTimeout == .seconds(5))
        #expect(fileOnly.maxOverflow == Preset.hikari.configuration.maxOverflow)

        let flagged = try LayeredSettings([fileLayer(), ConfigLayer(), flag(.pool(.poolSize), "12", "--pool-size")]).pool()
        #expect(flagged.poolSize == 12)
        #expect(flagged.checkoutTimeout == .seconds(5), "a flag for one knob leaves the file's other knobs")
        #expect(flagged.presetName == "hikari+custom")

        let otherPreset = try LayeredSettings([fileLayer(), flag(.preset, "pgx", "--preset")]).pool()
        #expect(otherPreset.presetName == "pgx+custom")
        #expect(otherPreset.poolSize == 8, "the file's knobs apply over the preset the flag names")
    }

    @Test("the load: flags beat the file knob by knob; query and mix are one slot")
    func load() throws {
        let fileOnly = try LayeredSettings([fileLayer()]).load(defaults: LoadSettings(workers: 32))
        #expect(fileOnly.workers == 40)
        #expect(fileOnly.thinkTime == .milliseconds(7))
        #expect(fileOnly.mix == (try QueryMix.parse("rw")))

        let layers = [try fileLayer(), ConfigLayer(), flag(.load(.workers), "3", "--workers").merging(flag(.query, "SELECT 2", "--query"))]
        let flagged = LayeredSettings(layers)
        let load = try flagged.load(defaults: LoadSettings(workers: 32))
        #expect(load.workers == 3)
        #expect(load.thinkTime == .milliseconds(7))
        #expect(load.mix == (try QueryMix.single("SELECT 2")), "--query replaces the file's mix")
        #expect(flagged[.load(.mix)] == nil)
    }

    @Test("the target: the file's, unless PG* names a server, unless --url")
    func target() throws {
        let file = try fileLayer()
        let fileTarget = "postgresql://bob:hunter2secret@filehost/app"
        #expect(LayeredSettings([file]).target == .given(fileTarget, origin: .file(path: "config.toml", line: 1)))

        let none = ConfigLayer.environment(serverVariable: nil)
        #expect(none == ConfigLayer(), "no variable naming a server: no target from the environment")
        #expect(LayeredSettings([file, none]).target == .given(fileTarget, origin: .file(path: "config.toml", line: 1)))

        let host = ConfigLayer.environment(serverVariable: "PGHOST")
        #expect(LayeredSettings([file, host]).target == .environment(variable: "PGHOST"))

        let url = flag(.target, "postgresql://127.0.0.1:6543/x", "--url")
        #expect(LayeredSettings([file, host, url]).target == .given("postgresql://127.0.0.1:6543/x", origin: .flag("--url")))
        #expect(LayeredSettings([ConfigLayer(), ConfigLayer(), ConfigLayer()]).target == .embedded)
    }

    @Test("the screen: theme and fps from the file, a flag over them")
    func screen() throws {
        let file = try ConfigFile.parse("theme = \"light\"\nfps = 4\nascii = true\n", path: "c.toml")
        #expect(try LayeredSettings([file]).screen() == ScreenSettings(theme: "light", fps: 4, ascii: true))
        let flags = flag(.fps, "30", "--fps").merging(flag(.ascii, "off", "--no-ascii"))
        #expect(try LayeredSettings([file, ConfigLayer(), flags]).screen() == ScreenSettings(theme: "light", fps: 30, ascii: false))
    }

    @Test("a refusal across layers names the layer the named knob came from")
    func combinedRefusalNamesItsOrigin() throws {
        let file = try ConfigFile.parse("[pool]\nmax_overflow = 0\npool_size = 0\n", path: "c.toml")
        #expect(throws: ConfigError.badValue("c.toml:3: pool.pool_size 0 with max_overflow 0 allows no connection")) {
            try LayeredSettings([file]).pool()
        }
        let overflowFile = try ConfigFile.parse("[pool]\nmax_overflow = 0\n", path: "c.toml")
        #expect(throws: ConfigError.badValue("--pool-size 0 with max_overflow 0 allows no connection")) {
            try LayeredSettings([overflowFile, flag(.pool(.poolSize), "0", "--pool-size")]).pool()
        }
        #expect(throws: ConfigError.badValue("--fps must be between 0 and 60, not 0")) {
            try LayeredSettings([flag(.fps, "0", "--fps")]).screen()
        }
    }

    @Test("--print-config writes every key with where it came from, the password masked")
    func printed() throws {
        let settings = LayeredSettings([try fileLayer(), ConfigLayer(), flag(.load(.workers), "3", "--workers")])
        let text = settings.printed(pool: try settings.pool(), load: try settings.load(defaults: LoadSettings()), screen: nil)
        #expect(!text.contains("hunter2secret"))
        #expect(text.contains("target = \"postgresql://bob:***@filehost/app\""))
        let lines = text.split(separator: "\n")
        func line(_ start: String) -> String { lines.first { $0.hasPrefix(start) }.map(String.init) ?? "" }
        #expect(line("pool_size = 8").hasSuffix("# config.toml:4"))
        #expect(line("max_overflow = ").hasSuffix("# preset hikari"))
        #expect(line("workers = 3").hasSuffix("# --workers"))
        #expect(line("mix = \"rw\"").hasSuffix("# config.toml:9"))
        #expect(!text.contains("theme ="), "a headless command prints no screen keys")
        let reread = try ConfigFile.parse(text.replacing("bob:***@", with: "bob@"), path: "printed.toml")
        #expect(try LayeredSettings([reread]).pool() == (try settings.pool()), "what is printed reads back as the same pool")
        #expect(try LayeredSettings([reread]).load(defaults: LoadSettings()) == (try settings.load(defaults: LoadSettings())))
    }
}
