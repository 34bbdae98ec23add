/// Keys while the knobs panel is open: Up/Down choose a knob, `+`/`-` step it, Enter types a value in the
/// flag's syntax (checked by the knob's own parser before it is sent), Esc cancels the typing or closes the panel.
extension InputHandler {
    static func openKnobs(state: inout ViewState) {
        state.knobs = state.knobs ?? KnobsPanel()
        state.showHelp = false
    }

    static func handleKnobsKey(_ key: Key, state: inout ViewState, data: DashboardData?) -> [Effect] {
        guard var panel = state.knobs else { return [] }
        defer { if state.knobs != nil { state.knobs = panel } }
        if let text = panel.editing { return handleKnobsTyping(key, text: text, panel: &panel, data: data) }
        panel.message = nil
        switch key {
        case .escape, .character("o"), .function(2):
            state.knobs = nil
        case .up, .character("k"): panel.selected = max(0, panel.selected - 1)
        case .down, .character("j"): panel.selected = min(Knob.all.count - 1, panel.selected + 1)
        case .home, .pageUp: panel.selected = 0
        case .end, .pageDown: panel.selected = Knob.all.count - 1
        case .character("+"), .character("="), .right: return step(1, panel: &panel, data: data)
        case .character("-"), .left: return step(-1, panel: &panel, data: data)
        case .enter: panel.editing = ""
        default:
            // Keys the panel does not use keep their meaning (quit, help, views, pause, theme).
            guard let action = KeyMap.action(for: key) else { return [] }
            state.knobs = nil
            let effects = perform(action, state: &state, data: data, size: Size(width: 0, height: 0))
            if !state.showHelp, action != .quit { state.knobs = panel }
            return effects
        }
        return []
    }

    private static func step(_ direction: Int, panel: inout KnobsPanel, data: DashboardData?) -> [Effect] {
        guard let data else { return [] }
        guard let value = panel.knob.stepped(direction, in: data) else {
            panel.message = "\(panel.knob.name) has no steps: Enter types a value (\(panel.knob.syntax))"
            return []
        }
        return apply(value, panel: &panel, data: data)
    }

    private static func handleKnobsTyping(_ key: Key, text: String, panel: inout KnobsPanel, data: DashboardData?) -> [Effect] {
        switch key {
        case .escape:
            panel.editing = nil
            panel.message = nil
        case .enter:
            let value = text.trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty else {
                panel.editing = nil
                panel.message = nil
                return []
            }
            return apply(value, panel: &panel, data: data)
        case .backspace, .delete:
            panel.editing = String(text.dropLast())
            panel.message = nil
        case .character(let c):
            panel.editing = text + String(c)
            panel.message = nil
        default:
            break
        }
        return []
    }

    /// Sends `value` if the knob's parser takes it; otherwise keeps the panel as it was, saying why in place.
    private static func apply(_ value: String, panel: inout KnobsPanel, data: DashboardData?) -> [Effect] {
        if let data, let problem = panel.knob.problem(with: value, in: data) {
            panel.message = problem.description
            return []
        }
        panel.editing = nil
        panel.message = nil
        return [.perform(.setKnob(panel.knob, value))]
    }
}
