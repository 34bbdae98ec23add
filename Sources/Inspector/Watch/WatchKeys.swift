/// The watch screen's key table, the main screen's keys where they mean the same: input, the footer and the help
/// overlay all read it.
enum WatchKeys {
    static let bindings: [KeyBinding] = [
        KeyBinding([.enter], .openRow, .navigation, "the selected pool's connections", footer: "Enter Connections"),
        KeyBinding([.escape], .back, .general, "close help or filter, else back to the pools", footer: "Esc Back"),
    ] + KeyMap.bindings.filter { shared.contains($0.action) }

    /// The main screen's bindings that mean the same here.
    private static let shared: Set<Action> = [
        .quit, .help, .moveUp, .moveDown, .pageUp, .pageDown, .home, .end, .sort, .reverseSort, .filter, .nextTheme, .nextChartStyle, .freezeDisplay,
    ]

    private static let index = KeyBinding.index(bindings)

    static func action(for key: Key) -> Action? { index[key] }

    /// The footer's hints: Esc only where there is somewhere to go back to.
    static func footer(opened: Bool) -> [KeyBinding] {
        bindings.filter { $0.footer != nil && ($0.action != .back || opened) && ($0.action != .openRow || !opened) }
    }
}
