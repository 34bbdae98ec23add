import ConfigFile
import Foundation

/// A theme ready to use, with what went wrong getting it (a bad file falls back to the default theme).
public struct ThemeLoadResult: Sendable, Equatable {
    public var theme: Theme
    public var warnings: [ThemeError]
}

/// Finds themes by name or path: user themes in $XDG_CONFIG_HOME/pooltop/themes first, then the
/// `themes/` folder next to the executable or in the current directory; default and monochrome are built in.
public struct ThemeCatalog: Sendable {
    /// The shipped themes, in the order `t` cycles through them.
    public static let builtInNames = ["default", "light", "solarized", "high-contrast", "monochrome"]

    /// Searched in order; the first folder holding `<name>.toml` wins.
    public var directories: [String]

    public init(directories: [String]) { self.directories = directories }

    /// The usual search path for this process.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> ThemeCatalog {
        var directories: [String] = []
        if let folder = ConfigFile.folder(environment: environment) { directories.append(folder + "/themes") }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        for relative in ["../../themes", "../share/pooltop/themes", "themes", "../../../themes"] {
            directories.append(executable.appendingPathComponent(relative).standardizedFileURL.path)
        }
        directories.append(FileManager.default.currentDirectoryPath + "/themes")
        return ThemeCatalog(directories: directories)
    }

    /// The default theme from the built-in copy; always valid.
    public static let fallback: Theme = {
        switch ThemeParser.parse(BuiltInThemes.defaultTheme, file: "built-in default", name: "default", base: Theme(name: "default", styles: [:])) {
        case .success(let theme): return theme
        case .failure(let errors): preconditionFailure("built-in default theme is invalid: \(errors)")
        }
    }()

    /// Every theme name known: the shipped ones first, then user themes, sorted.
    public func names() -> [String] {
        var extra = Set<String>()
        for directory in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files where file.hasSuffix(".toml") { extra.insert(String(file.dropLast(5))) }
        }
        return ThemeCatalog.builtInNames.filter { extra.contains($0) || $0 == "default" || $0 == "monochrome" }
            + extra.subtracting(ThemeCatalog.builtInNames).sorted()
    }

    /// Loads a theme by name, or by path when `nameOrPath` contains `/` or ends in `.toml`.
    public func load(_ nameOrPath: String) -> ThemeLoadResult {
        if ScreenValue.isThemeFile(nameOrPath) {
            return loadFile(nameOrPath, name: URL(fileURLWithPath: nameOrPath).deletingPathExtension().lastPathComponent)
        }
        for directory in directories {
            let path = directory + "/" + nameOrPath + ".toml"
            if FileManager.default.fileExists(atPath: path) { return loadFile(path, name: nameOrPath) }
        }
        if let text = ThemeCatalog.embedded[nameOrPath] { return parse(text, file: "built-in \(nameOrPath)", name: nameOrPath) }
        let known = names().joined(separator: ", ")
        return ThemeLoadResult(theme: ThemeCatalog.fallback, warnings: [ThemeError(file: nameOrPath, line: 0, key: "", message: "no such theme (known: \(known)); using default")])
    }

    /// Parses theme text; on any error, the default theme and the errors.
    public func parse(_ text: String, file: String, name: String) -> ThemeLoadResult {
        switch ThemeParser.parse(text, file: file, name: name, base: ThemeCatalog.fallback) {
        case .success(let theme): return ThemeLoadResult(theme: theme, warnings: [])
        case .failure(let errors): return ThemeLoadResult(theme: ThemeCatalog.fallback, warnings: errors.errors)
        }
    }

    private func loadFile(_ path: String, name: String) -> ThemeLoadResult {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return ThemeLoadResult(theme: ThemeCatalog.fallback, warnings: [ThemeError(file: path, line: 0, key: "", message: "cannot read the file; using default")])
        }
        return parse(text, file: path, name: name)
    }

    private static let embedded = ["default": BuiltInThemes.defaultTheme, "monochrome": BuiltInThemes.monochrome]
}
