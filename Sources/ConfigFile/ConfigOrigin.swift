/// Where a setting came from, so a message about it points there: the flag, the environment variable,
/// or the config file's line.
public enum ConfigOrigin: Sendable, Equatable, CustomStringConvertible {
    /// A command-line flag, as typed: `--pool-size`.
    case flag(String)
    /// An environment variable: `PGHOST`.
    case environment(String)
    /// A line of a config file (1-based; 0 when unknown).
    case file(path: String, line: Int)

    /// The flag or variable, or `file:line`.
    public var description: String {
        switch self {
        case .flag(let flag): return flag
        case .environment(let name): return name
        case .file(let path, let line): return line > 0 ? "\(path):\(line)" : path
        }
    }

    /// How a message about `key` from here starts: `--pool-size`, `PGHOST`, `config.toml:4: pool.pool_size`.
    public func label(for key: ConfigKey) -> String {
        switch self {
        case .flag, .environment: return description
        case .file: return "\(description): \(key.path)"
        }
    }
}

/// One key's value in one layer, as the flag would take it ("30s", "unlimited", "on"), and where it came from.
public struct Setting: Sendable, Equatable {
    public var text: String
    public var origin: ConfigOrigin

    public init(_ text: String, from origin: ConfigOrigin) {
        self.text = text
        self.origin = origin
    }
}
