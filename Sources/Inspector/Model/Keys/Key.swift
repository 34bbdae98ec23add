/// A key press, decoded from the terminal.
public enum Key: Sendable, Equatable, Hashable {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case tab, backTab, enter, escape, backspace, delete
    case function(Int)
    /// A control character typed with Ctrl, by its letter: `.control("c")` is Ctrl-C (the screen reads keys raw).
    case control(Character)

    /// The key as help and the footer spell it.
    public var label: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "BS"
        case .delete: "Del"
        case .function(let n): "F\(n)"
        case .control(let c): "C-\(c)"
        }
    }
}
