import Foundation
import ConfigFile
import TOMLKit

/// Reads a theme from TOML text: one table per role with `fg`, `bg` and optional `bold`, `reverse`, `dim`.
/// Roles the file leaves out are taken from `base`. Any error makes the whole file unusable.
public enum ThemeParser {
    static let attributeKeys: Set<String> = ["fg", "bg", "bold", "reverse", "dim"]
    static let topLevelKeys: Set<String> = ["name", "description"]

    /// The parsed theme, or every error found (each naming file, line and key).
    public static func parse(_ text: String, file: String, name: String, base: Theme) -> Result<Theme, ThemeErrors> {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let key = LineLocator(text: text).key(onLine: error.source.begin.line)
            return .failure(ThemeErrors([ThemeError(file: file, line: error.source.begin.line, key: key, message: "syntax error: \(error.description)")]))
        } catch {
            return .failure(ThemeErrors([ThemeError(file: file, line: 0, key: "", message: "unreadable: \(error)")]))
        }
        let locator = LineLocator(text: text)
        var errors: [ThemeError] = []
        var styles = base.styles
        for key in table.keys.sorted() {
            if topLevelKeys.contains(key) { continue }
            guard let role = Role(rawValue: key) else {
                errors.append(ThemeError(file: file, line: locator.line(section: key, key: nil), key: key, message: "unknown role (known: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))"))
                continue
            }
            guard let roleTable = table[key]?.table else {
                errors.append(ThemeError(file: file, line: locator.line(section: key, key: nil), key: key, message: "expected a table like [\(key)] with fg and bg"))
                continue
            }
            var style = Style()
            for attribute in roleTable.keys.sorted() {
                let dotted = key + "." + attribute
                let line = locator.line(section: key, key: attribute)
                let value = roleTable[attribute]
                switch attribute {
                case "fg", "bg":
                    let text = value?.string ?? value?.int.map(String.init)
                    guard let text, let color = TerminalColor(parsing: text) else {
                        errors.append(ThemeError(file: file, line: line, key: dotted, message: "bad colour \(value.map { "\($0)" }.map { "'\($0)'" } ?? ""): use a name, 0-255 or #rrggbb"))
                        continue
                    }
                    if attribute == "fg" { style.foreground = color } else { style.background = color }
                case "bold", "reverse", "dim":
                    guard let flag = value?.bool else {
                        errors.append(ThemeError(file: file, line: line, key: dotted, message: "expected true or false"))
                        continue
                    }
                    if attribute == "bold" { style.bold = flag } else if attribute == "reverse" { style.reverse = flag } else { style.dim = flag }
                default:
                    errors.append(ThemeError(file: file, line: line, key: dotted, message: "unknown key (known: bg, bold, dim, fg, reverse)"))
                }
            }
            styles[role] = style
        }
        if !errors.isEmpty { return .failure(ThemeErrors(errors)) }
        return .success(Theme(name: table["name"]?.string ?? name, styles: styles))
    }
}

/// All the errors of one theme file.
public struct ThemeErrors: Error, Sendable, Equatable, CustomStringConvertible {
    public var errors: [ThemeError]
    public init(_ errors: [ThemeError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
