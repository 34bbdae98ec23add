import ConnectionPool

/// How charts are drawn, from richest to plainest.
public enum ChartStyle: String, Sendable, Equatable, CaseIterable {
    /// Braille dots: two samples per cell, four levels per row.
    case braille
    /// Block elements: one sample per cell, eighth steps.
    case blocks
    /// Plain ASCII characters.
    case ascii
}

/// Every non-letter character the views draw, in a Unicode and an ASCII variant.
public struct Glyphs: Sendable, Equatable {
    public var chartStyle: ChartStyle
    public var ascii: Bool

    public init(ascii: Bool, chartStyle: ChartStyle = .braille) {
        self.ascii = ascii
        self.chartStyle = ascii ? .ascii : chartStyle
    }

    /// The glyph for a slot; overflow slots have their own glyphs so kind never depends on colour either.
    public func slot(_ state: SlotState, kind: SlotKind) -> Unicode.Scalar {
        switch (state, kind) {
        case (.idle, .core): ascii ? "o" : "○"
        case (.inUse, .core): ascii ? "#" : "●"
        case (.idle, .overflow): ascii ? "+" : "◇"
        case (.inUse, .overflow): ascii ? "@" : "◆"
        case (.connecting, _): ascii ? "~" : "◌"
        case (.checking, _): ascii ? "?" : "◎"
        case (.closing, _): "x"
        case (.broken, _): "!"
        }
    }

    /// The role that colours a slot of this state and kind.
    public static func role(_ state: SlotState, kind: SlotKind) -> Role {
        switch (state, kind) {
        case (.idle, .core): .idle
        case (.inUse, .core): .inUse
        case (.idle, .overflow): .overflowIdle
        case (.inUse, .overflow): .overflow
        case (.connecting, _): .connecting
        case (.checking, _): .checking
        case (.closing, _): .closing
        case (.broken, _): .broken
        }
    }

    /// A position allowed by the limits but with no connection open.
    public var emptySlot: Unicode.Scalar { ascii ? "." : "·" }
    public var vertical: Unicode.Scalar { ascii ? "|" : "│" }
    public var horizontal: Unicode.Scalar { ascii ? "-" : "─" }
    /// Top-left, top-right, bottom-left, bottom-right.
    public var corners: (Unicode.Scalar, Unicode.Scalar, Unicode.Scalar, Unicode.Scalar) { ascii ? ("+", "+", "+", "+") : ("┌", "┐", "└", "┘") }
    public var separator: String { ascii ? " | " : " │ " }
    public var gaugeFull: Unicode.Scalar { ascii ? "#" : "█" }
    public var gaugeEmpty: Unicode.Scalar { ascii ? "." : "░" }
    public var ellipsis: String { ascii ? "~" : "…" }
    public var infinity: String { ascii ? "inf" : "∞" }
    public var times: String { ascii ? "x" : "×" }
    public var arrow: String { ascii ? "->" : "→" }
    /// Between the parts of one message ("server unreachable … — next attempt in 1.5s — connection refused").
    public var dash: String { ascii ? " - " : " — " }
    public var sortDescending: String { ascii ? "v" : "▼" }
    public var sortAscending: String { ascii ? "^" : "▲" }
    public var marker: Unicode.Scalar { ascii ? "^" : "▲" }
    public var waiter: Unicode.Scalar { ascii ? "*" : "◷" }
    public var bullet: String { ascii ? "*" : "•" }
}
