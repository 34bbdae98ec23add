import Foundation

/// How the screen looks and how often it refreshes; set from the command line.
public struct InspectorOptions: Sendable, Equatable {
    /// A theme name (see `ThemeCatalog`) or a path to a TOML file; nil: `default`.
    public var theme: String?
    /// Draw with ASCII only (no Unicode glyphs, ASCII charts).
    public var ascii: Bool
    /// Frames per second (default 10); also how often data is collected.
    public var refreshRate: Double
    /// Where NO_COLOR, TERM and XDG_CONFIG_HOME are read from.
    public var environment: [String: String]
    /// Where themes are looked up.
    public var themes: ThemeCatalog

    public init(
        theme: String? = nil, ascii: Bool = false, refreshRate: Double = 10,
        environment: [String: String] = ProcessInfo.processInfo.environment, themes: ThemeCatalog? = nil
    ) {
        self.theme = theme
        self.ascii = ascii
        self.refreshRate = refreshRate
        self.environment = environment
        self.themes = themes ?? ThemeCatalog.standard(environment: environment)
    }

    public static func == (a: InspectorOptions, b: InspectorOptions) -> Bool {
        a.theme == b.theme && a.ascii == b.ascii && a.refreshRate == b.refreshRate && a.environment == b.environment
            && a.themes.directories == b.themes.directories
    }

    /// NO_COLOR (any non-empty value) forces the monochrome theme.
    var noColor: Bool { environment["NO_COLOR"].map { !$0.isEmpty } ?? false }

    /// Braille breaks on the Linux console; blocks are safe there.
    var chartStyle: ChartStyle { ascii ? .ascii : (environment["TERM"] == "linux" ? .blocks : .braille) }
}
