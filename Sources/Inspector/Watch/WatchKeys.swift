/// The watch screen's key table: input and the footer both read it.
enum WatchKeys {
    static let bindings: [KeyBinding] = [
        KeyBinding([.character("q"), .function(10)], .quit, .general, "quit", footer: "q Quit"),
        KeyBinding([.enter], .openRow, .navigation, "the selected pool's connections", footer: "Enter Connections"),
        KeyBinding([.escape], .back, .general, "back to the pools", footer: "Esc Back"),
        KeyBinding([.up, .character("k")], .moveUp, .navigation, "select previous row"),
        KeyBinding([.down, .character("j")], .moveDown, .navigation, "select next row"),
        KeyBinding([.pageUp], .pageUp, .navigation, "page up"),
        KeyBinding([.pageDown], .pageDown, .navigation, "page down"),
        KeyBinding([.home], .home, .navigation, "first row"),
        KeyBinding([.end], .end, .navigation, "last row"),
        KeyBinding([.character("s")], .sort, .navigation, "next sort column", footer: "s Sort"),
        KeyBinding([.character("S")], .reverseSort, .navigation, "reverse sort order", footer: "S Reverse"),
        KeyBinding([.character("t")], .nextTheme, .display, "next theme", footer: "t Theme"),
        KeyBinding([.character("g")], .nextChartStyle, .display, "chart style: braille, blocks, ASCII"),
        KeyBinding([.character("p")], .freezeDisplay, .display, "freeze / unfreeze the display", footer: "p Freeze"),
    ]

    private static let index: [Key: Action] = {
        var index: [Key: Action] = [:]
        for binding in bindings {
            for key in binding.keys where index[key] == nil { index[key] = binding.action }
        }
        return index
    }()

    static func action(for key: Key) -> Action? { index[key] }

    /// The footer's hints: Esc only where there is somewhere to go back to.
    static func footer(opened: Bool) -> [KeyBinding] {
        bindings.filter { $0.footer != nil && ($0.action != .back || opened) && ($0.action != .openRow || !opened) }
    }
}
