extension TableState {
    /// Moves the selection by a movement action over `count` rows, `page` of them visible, keeping it in sight.
    mutating func move(_ action: Action, count: Int, page: Int) {
        switch action {
        case .moveUp: selected -= 1
        case .moveDown: selected += 1
        case .pageUp: selected -= page
        case .pageDown: selected += page
        case .home: selected = 0
        case .end: selected = count - 1
        default: break
        }
        selected = max(0, min(count - 1, selected))
        top = ScreenLayout.top(selected: selected, previousTop: top, bodyHeight: page, count: count)
    }
}
