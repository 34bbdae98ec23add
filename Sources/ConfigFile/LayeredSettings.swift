import ConnectionPool
import Workload

/// The layers stacked, lowest first (the config file, the environment, the command line): each key from the
/// highest layer that gives it, `query` and `load.mix` as one slot. What the commands run with is read from
/// here, through the same parsers the flags use; a refused value is named where it came from.
public struct LayeredSettings: Sendable, Equatable {
    /// The winning setting of every key some layer gives.
    public private(set) var settings: [ConfigKey: Setting] = [:]

    public init(_ layers: [ConfigLayer]) {
        for layer in layers {
            for (key, setting) in layer.settings {
                settings = settings.filter { !$0.key.sharesSlot(with: key) || layer.settings[$0.key] != nil }
                settings[key] = setting
            }
        }
    }

    public subscript(key: ConfigKey) -> Setting? { settings[key] }

    /// Where the commands connect: a URL or conninfo (`--url`, else the file's `target` unless the environment
    /// names a server), the PG* environment, or nothing (an embedded cluster).
    public var target: TargetChoice {
        guard let setting = settings[.target] else { return .embedded }
        if case .environment(let variable) = setting.origin { return .environment(variable: variable) }
        return .given(setting.text, origin: setting.origin)
    }

    /// The preset's knobs with every knob some layer gives applied (the preset named "<preset>+custom" then).
    public func pool() throws(ConfigError) -> PoolConfiguration {
        var preset = Preset.sqlalchemy
        if let setting = settings[.preset] {
            do { preset = try Preset.parse(setting.text) } catch { throw refusal(error, key: .preset) }
        }
        var configuration = preset.configuration
        let given = PoolKnob.allCases.compactMap { knob in settings[.pool(knob)].map { (knob, $0.text) } }
        do { try PoolKnob.apply(given, to: &configuration) } catch {
            throw refusal(error, key: PoolKnob(rawValue: error.knob).map(ConfigKey.pool) ?? .pool(.poolSize))
        }
        if !given.isEmpty { configuration.presetName = "\(preset.rawValue)+custom" }
        return configuration
    }

    /// `defaults` with every load knob some layer gives applied, `query` as a one-statement mix, and `paused`.
    public func load(defaults: LoadSettings) throws(ConfigError) -> LoadSettings {
        var load = defaults
        for knob in LoadKnob.allCases {
            guard let setting = settings[.load(knob)] else { continue }
            do { try knob.apply(setting.text, to: &load) } catch { throw refusal(error, key: .load(knob)) }
        }
        if let setting = settings[.query] {
            do { load.mix = try QueryMix.statement(setting.text) } catch { throw refusal(error, key: .query) }
        }
        if let setting = settings[.paused] {
            do { load.paused = try RunValue.paused(setting.text) } catch { throw refusal(error, key: .paused) }
        }
        return load
    }

    /// The screen's settings: the theme as given (a name or a TOML file; a config file's relative path is taken
    /// from that file's folder), frames per second, ASCII only.
    public func screen() throws(ConfigError) -> ScreenSettings {
        var screen = ScreenSettings(theme: settings[.theme].map(Self.themeFile))
        do {
            if let fps = settings[.fps] { screen.fps = try ScreenValue.fps(fps.text) }
        } catch { throw refusal(error, key: .fps) }
        do {
            if let ascii = settings[.ascii] { screen.ascii = try ScreenValue.ascii(ascii.text) }
        } catch { throw refusal(error, key: .ascii) }
        return screen
    }

    /// A theme file named by a relative path in a config file, as a path from that file's folder; anything else as given.
    static func themeFile(_ setting: Setting) -> String {
        guard case .file(let path, _) = setting.origin, ScreenValue.isThemeFile(setting.text), !setting.text.hasPrefix("/") else {
            return setting.text
        }
        let folder = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if folder.isEmpty { return path.hasPrefix("/") ? "/" + setting.text : setting.text }
        return folder + "/" + setting.text
    }

    /// A parser's refusal, named where the value came from: "--pool-size must be…", "config.toml:4: pool.timeout: …".
    func refusal(_ error: KnobError, key: ConfigKey) -> ConfigError {
        guard let origin = settings[key]?.origin else { return .badValue(error.description) }
        return .badValue(error.naming(origin.label(for: key)))
    }
}

/// Where to connect, as the layers decide it.
public enum TargetChoice: Sendable, Equatable {
    /// A URL or conninfo string from `--url` or the file (may hold a password: show it only masked).
    case given(String, origin: ConfigOrigin)
    /// libpq's PG* environment, which names a server (`variable` is one that does).
    case environment(variable: String)
    /// Nothing names a server: a throwaway embedded cluster.
    case embedded
}

/// How the screen looks, after the layers.
public struct ScreenSettings: Sendable, Equatable {
    public var theme: String?
    public var fps: Double
    public var ascii: Bool

    public init(theme: String? = nil, fps: Double = ScreenValue.defaultFPS, ascii: Bool = false) {
        self.theme = theme
        self.fps = fps
        self.ascii = ascii
    }
}
