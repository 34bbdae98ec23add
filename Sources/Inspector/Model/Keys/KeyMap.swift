/// The one key table: input decoding and the help overlay both read it, so help lists every key.
public enum KeyMap {
    public static let bindings: [KeyBinding] = [
        KeyBinding([.character("q"), .function(10)], .quit, .general, "quit", footer: "q Quit"),
        KeyBinding([.character("?"), .function(1)], .help, .general, "help (this list)", footer: "? Help"),
        KeyBinding([.escape], .back, .general, "close help, filter, prompt or question"),
        KeyBinding([.tab], .nextView, .views, "next view", footer: "Tab View"),
        KeyBinding([.backTab], .previousView, .views, "previous view"),
        KeyBinding([.character("1")], .showView(.dashboard), .views, "dashboard"),
        KeyBinding([.character("2")], .showView(.connections), .views, "connections table"),
        KeyBinding([.character("3")], .showView(.workers), .views, "workers table"),
        KeyBinding([.character("4")], .showView(.server), .views, "server (pg_stat_activity)"),
        KeyBinding([.character("5")], .showView(.console), .views, "SQL console"),
        KeyBinding([.character("6")], .showView(.pgbouncer), .views, "pgbouncer's pools (--pgbouncer)"),
        KeyBinding([.character(":"), .character("e")], .openConsole, .views, "type SQL to run through the pool", footer: ": SQL"),
        KeyBinding([.character("+"), .character("=")], .poolSizeUp, .pool, "pool size +1", footer: "+/- Pool", in: [.dashboard]),
        KeyBinding([.character("-")], .poolSizeDown, .pool, "pool size -1"),
        KeyBinding([.character(">"), .character(".")], .overflowUp, .pool, "max overflow +1", footer: ">/< Overflow", in: [.dashboard]),
        KeyBinding([.character("<"), .character(",")], .overflowDown, .pool, "max overflow -1"),
        KeyBinding([.character("c")], .checkoutTimeoutDown, .pool, "checkout timeout shorter"),
        KeyBinding([.character("C")], .checkoutTimeoutUp, .pool, "checkout timeout longer"),
        KeyBinding([.character("P")], .nextPreset, .pool, "next preset of pool knobs"),
        KeyBinding([.character("o"), .function(2)], .openKnobs, .pool, "knobs panel: every pool and load knob", footer: "o Knobs"),
        KeyBinding([.character(" ")], .toggleLoad, .load, "pause / resume the load", footer: "Space Load", in: [.dashboard, .workers]),
        KeyBinding([.character("W"), .character("]")], .workersUp, .load, "more workers", footer: "w/W Workers", in: [.dashboard, .workers]),
        KeyBinding([.character("w"), .character("[")], .workersDown, .load, "fewer workers"),
        KeyBinding([.character("}")], .thinkTimeUp, .load, "longer think time"),
        KeyBinding([.character("{")], .thinkTimeDown, .load, "shorter think time"),
        KeyBinding([.up, .character("k")], .moveUp, .navigation, "select previous row"),
        KeyBinding([.down, .character("j")], .moveDown, .navigation, "select next row"),
        KeyBinding([.pageUp], .pageUp, .navigation, "page up"),
        KeyBinding([.pageDown], .pageDown, .navigation, "page down"),
        KeyBinding([.home], .home, .navigation, "first row"),
        KeyBinding([.end], .end, .navigation, "last row"),
        KeyBinding([.character("/")], .filter, .navigation, "filter rows (case-insensitive)", footer: "/ Filter", in: [.connections, .workers, .server]),
        KeyBinding([.character("s")], .sort, .navigation, "next sort column", footer: "s Sort", in: [.connections, .workers, .server]),
        KeyBinding([.character("S")], .reverseSort, .navigation, "reverse sort order"),
        KeyBinding([.character("K")], .terminateBackend, .navigation, "terminate the selected backend (asks first)", footer: "K Kill", in: [.connections, .server]),
        KeyBinding([.character("t")], .nextTheme, .display, "next theme", footer: "t Theme"),
        KeyBinding([.character("g")], .nextChartStyle, .display, "chart style: braille, blocks, ASCII"),
        KeyBinding([.character("r")], .slower, .display, "refresh slower", footer: "r/R Rate", in: [.dashboard]),
        KeyBinding([.character("R")], .faster, .display, "refresh faster"),
        KeyBinding([.character("p")], .freezeDisplay, .display, "freeze / unfreeze the display", footer: "p Freeze"),
    ]

    private static let index = KeyBinding.index(bindings)

    /// In a replay these keys move the replay instead (Space no longer pauses a load: there is none).
    public static let replayBindings: [KeyBinding] = [
        KeyBinding([.character(" ")], .replay(.togglePause), .replay, "pause / resume the replay", footer: "Space Pause"),
        KeyBinding([.left], .replay(.seek(by: .seconds(-10))), .replay, "back 10 s", footer: "Left/Right Seek"),
        KeyBinding([.right], .replay(.seek(by: .seconds(10))), .replay, "forward 10 s"),
        KeyBinding([.home], .replay(.seekToStart), .replay, "to the start"),
        KeyBinding([.end], .replay(.seekToEnd), .replay, "to the end"),
        KeyBinding([.character("<"), .character(",")], .replay(.slower), .replay, "slower (down to 0.25x)", footer: "</> Speed"),
        KeyBinding([.character(">"), .character(".")], .replay(.faster), .replay, "faster (up to 16x)"),
    ]

    private static let replayIndex = KeyBinding.index(replayBindings)

    /// The action bound to `key` in normal mode; in a replay its own keys come first.
    public static func action(for key: Key, replaying: Bool) -> Action? {
        (replaying ? replayIndex[key] : nil) ?? index[key]
    }

    /// Bindings the footer shows in a replay: its own, then the general ones.
    public static let replayFooter: [KeyBinding] = replayBindings.filter { $0.footer != nil }
        + bindings.filter { $0.footer != nil && [.general, .views].contains($0.group) && $0.footerViews.isEmpty }

    /// The action bound to `key` in normal mode.
    public static func action(for key: Key) -> Action? { index[key] }

    /// Bindings the footer shows in `view`.
    public static func footer(for view: ViewKind) -> [KeyBinding] {
        bindings.filter { $0.footer != nil && ($0.footerViews.isEmpty || $0.footerViews.contains(view)) }
    }
}
