/// The footer's keys while the console has the keyboard: they change with what runs.
enum ConsoleFooter {
    static func draw(into frame: inout Frame, console: ConsoleState, y: Int) -> Int {
        let hints: [(String, String)]
        if console.search != nil {
            hints = [("Enter", "take"), ("C-r", "older"), ("Esc", "give up")]
        } else if case .watching = console.phase {
            hints = [("Esc", "stop \\watch"), ("PgUp/PgDn", "scroll")]
        } else if console.phase.isBusy {
            hints = [("Esc/C-c", "cancel"), ("PgUp/PgDn", "scroll")]
        } else {
            hints = [("Enter", "run (ends with ;)"), ("Esc", "keys"), ("Tab", "View"), ("Up/Down", "history"), ("C-r", "search"),
                     ("PgUp/PgDn", "scroll"), ("\\?", "commands")]
        }
        var x = 0
        for (key, label) in hints {
            guard x + key.count + label.count + 3 < frame.width else { break }
            x += frame.put(key, x: x, y: y, role: .header)
            x += frame.put(" " + label + "  ", x: x, y: y, role: .muted)
        }
        return x
    }
}
