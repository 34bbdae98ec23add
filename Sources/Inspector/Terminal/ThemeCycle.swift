/// The themes `t` cycles through, and applying one to the screen.
struct ThemeCycle {
    var names: [String]
    var index: Int
    let catalog: ThemeCatalog
    let environment: [String: String]
    let initial: String

    init(options: InspectorOptions) {
        catalog = options.themes
        environment = options.environment
        if options.noColor {
            names = ["monochrome"]
            initial = "monochrome"
        } else {
            names = catalog.names()
            initial = options.theme ?? "default"
        }
        index = names.firstIndex(of: initial) ?? 0
    }

    mutating func next() -> String {
        index = (index + 1) % max(1, names.count)
        return names[index]
    }

    /// Loads and applies a theme, naming it in the display's `themeName`; returns its warnings (also put in `status`).
    func apply(_ name: String, to screen: CursesScreen, display: inout some ScreenDisplay) -> [String] {
        let result = catalog.load(name)
        screen.apply(result.theme, environment: environment)
        display.themeName = result.warnings.isEmpty ? result.theme.name : "default"
        let warnings = result.warnings.map(\.description)
        display.status = warnings.first ?? "theme \(result.theme.name) (\(screen.depth == .none ? "no colour" : "\(screen.depth.rawValue) colours"))"
        return warnings
    }
}
