/// The keys of an open help overlay, the same on every screen: Esc or `?` closes it, the movement keys scroll it.
enum HelpInput {
    /// True when `action` was the overlay's own (and has been done); `top` is its first line shown.
    static func handle(_ action: Action, shown: inout Bool, top: inout Int, size: Size) -> Bool {
        let page = max(1, size.height - 4)
        switch action {
        case .back, .help: shown = false
        case .moveUp: top = max(0, top - 1)
        case .moveDown: top += 1
        case .pageUp: top = max(0, top - page)
        case .pageDown: top += page
        case .home: top = 0
        default: return false
        }
        return true
    }
}
