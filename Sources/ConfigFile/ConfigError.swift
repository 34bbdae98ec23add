/// A config file, or a setting from any layer, refused: one line naming where ("config.toml:4: pool.timeout:
/// 'soon' is not a duration…", "--pool-size must be 0 or more, not -3"), never a password.
public enum ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file cannot be read (an explicit `--config` that does not exist, a folder, bad UTF-8).
    case unreadable(path: String, reason: String)
    /// TOMLKit could not parse it: its line, column and message, and the key on that line if there is one.
    case syntax(path: String, line: Int, column: Int, key: String, message: String)
    /// A key pooltop does not know, with the nearest known key when one is close.
    case unknownKey(path: String, line: Int, key: String, suggestion: String?)
    /// A value the key's parser refused, or a key of the wrong shape: the message as the user reads it.
    case badValue(String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "\(path): \(reason)"
        case .syntax(let path, let line, let column, let key, let message):
            return "\(path):\(line):\(column): " + (key.isEmpty ? "" : "\(key): ") + "TOML syntax error: \(message)"
        case .unknownKey(let path, let line, let key, let suggestion):
            let place = line > 0 ? "\(path):\(line)" : path
            return "\(place): unknown key '\(key)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case .badValue(let message): return message
        }
    }
}
