import ConnectionPool
import Foundation
import LibPQ
import TOMLKit

/// pooltop's config file: `$XDG_CONFIG_HOME/pooltop/config.toml` (else `~/.config/pooltop/config.toml`), read
/// into the lowest `ConfigLayer`. Values are written as the flags take them; every value is checked with its
/// key's parser, and the first problem is thrown naming the file, the line and the key.
public enum ConfigFile {
    /// pooltop's folder of user files (the config file, themes): `$XDG_CONFIG_HOME/pooltop`, else
    /// `$HOME/.config/pooltop`; nil when neither is set.
    public static func folder(environment: [String: String]) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty { return config + "/pooltop" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/pooltop" }
        return nil
    }

    /// Where the config file is looked for when `--config` names none.
    public static func defaultPath(environment: [String: String]) -> String? {
        folder(environment: environment).map { $0 + "/config.toml" }
    }

    /// The file at `path` as a layer. A missing file is an empty layer when `required` is false (the default
    /// path), an error when true (a file the user named).
    public static func load(path: String, required: Bool) throws(ConfigError) -> ConfigLayer {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            if required { throw .unreadable(path: path, reason: "no such config file") }
            return ConfigLayer()
        }
        guard !isFolder.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "cannot read the config file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .unreadable(path: path, reason: "the config file is not UTF-8 text") }
        return try parse(text, path: path)
    }

    /// Reads config text (named `path` in messages) into a layer.
    public static func parse(_ text: String, path: String) throws(ConfigError) -> ConfigLayer {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let line = error.source.begin.line
            throw .syntax(path: path, line: line, column: error.source.begin.column, key: LineLocator(text: text).key(onLine: line),
                          message: ConnectionTarget.maskingPasswords(in: error.description, from: text))
        } catch {
            throw .unreadable(path: path, reason: "cannot parse the config file")
        }
        let locator = LineLocator(text: text)
        var layer = ConfigLayer()
        for name in table.keys.sorted(by: { locatorOrder(locator, $0, $1) }) {
            let value = table[name]!
            if ConfigKey.tables.contains(name) {
                guard let inner = value.table else {
                    throw .badValue("\(place(path, locator.line(section: name, key: nil))): \(name): expected a table [\(name)]")
                }
                for key in inner.keys.sorted(by: { locator.line(section: name, key: $0) < locator.line(section: name, key: $1) }) {
                    try read(name + "." + key, inner[key]!, line: locator.line(section: name, key: key), path: path, into: &layer)
                }
            } else {
                try read(name, value, line: locator.line(section: name, key: nil), path: path, into: &layer)
            }
        }
        if let query = layer[.query], layer[.load(.mix)] != nil {
            throw .badValue("\(query.origin): load.query and load.mix fill the same slot: give one")
        }
        return layer
    }

    private static func read(_ dotted: String, _ value: TOMLValueConvertible, line: Int, path: String, into layer: inout ConfigLayer) throws(ConfigError) {
        guard let key = ConfigKey(path: dotted) else {
            throw .unknownKey(path: path, line: line, key: dotted, suggestion: NearestKey.suggestion(for: dotted, among: allPaths))
        }
        let origin = ConfigOrigin.file(path: path, line: line)
        guard let text = flagText(value) else {
            throw .badValue("\(origin.label(for: key)): expected a string, a number or true/false (as the flag takes it), not a TOML \(value.type)")
        }
        do { try key.check(text) } catch { throw .badValue(error.naming(origin.label(for: key))) }
        layer[key] = Setting(text, from: origin)
    }

    /// A TOML value as the flag's argument: strings as written, numbers in decimal, booleans as on/off.
    static func flagText(_ value: TOMLValueConvertible) -> String? {
        switch value.type {
        case .string: return value.string
        case .int: return value.int.map(String.init)
        case .double: return value.double.map { DecimalNotation.trimmed($0, digits: 6) }
        case .bool: return value.bool.map { $0 ? "on" : "off" }
        default: return nil
        }
    }

    /// Every key's dotted path and the tables, for suggestions.
    static let allPaths = ConfigKey.all.map(\.path) + ConfigKey.tables

    private static func place(_ path: String, _ line: Int) -> String { line > 0 ? "\(path):\(line)" : path }

    /// Top-level names in the order they appear, so the first problem reported is the first in the file.
    private static func locatorOrder(_ locator: LineLocator, _ a: String, _ b: String) -> Bool {
        let (lineA, lineB) = (locator.line(section: a, key: nil), locator.line(section: b, key: nil))
        return lineA == lineB ? a < b : lineA < lineB
    }
}
