/// How one role looks: colours and attributes.
public struct Style: Sendable, Equatable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var bold: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(foreground: TerminalColor = .terminalDefault, background: TerminalColor = .terminalDefault, bold: Bool = false, reverse: Bool = false, dim: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.dim = dim
    }
}

/// A named set of styles, one per role. Optional roles borrow from their fallback role.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var styles: [Role: Style]

    public init(name: String, styles: [Role: Style]) {
        self.name = name
        self.styles = styles
    }

    public func style(for role: Role) -> Style {
        if let style = styles[role] { return style }
        if let fallback = role.fallback {
            var style = self.style(for: fallback)
            if role == .overflowIdle { style.dim = true }
            return style
        }
        return styles[.text] ?? Style()
    }

    /// The same roles without any colour, for NO_COLOR and terminals without colour.
    public var withoutColour: Theme {
        Theme(name: name, styles: styles.mapValues { Style(bold: $0.bold, reverse: $0.reverse, dim: $0.dim) })
    }
}
