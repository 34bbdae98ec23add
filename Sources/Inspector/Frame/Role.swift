/// The meaning of a cell; a theme gives each role its colours. Views colour only through roles.
public enum Role: String, Sendable, Equatable, Hashable, CaseIterable {
    case text, muted, border, header, accent, warning, error, chart, selection
    case idle
    case inUse = "in_use"
    case overflow
    case connecting
    case broken
    case waiting
    /// An overflow connection that is open but idle. Optional in theme files: falls back to `overflow`, dimmed.
    case overflowIdle = "overflow_idle"
    /// Pre-ping or reset in progress. Optional: falls back to `connecting`.
    case checking
    /// Being closed. Optional: falls back to `muted`.
    case closing
    /// The second series of a chart (wait p99). Optional: falls back to `warning`.
    case chartAlt = "chart_alt"

    /// The roles every theme file must be able to name (the rest are optional refinements).
    public static let required: [Role] = [
        .idle, .inUse, .overflow, .connecting, .broken, .waiting, .text, .muted, .border, .header, .accent, .warning,
        .error, .chart, .selection,
    ]

    /// The role an optional role borrows its style from when a theme does not define it.
    public var fallback: Role? {
        switch self {
        case .overflowIdle: .overflow
        case .checking: .connecting
        case .closing: .muted
        case .chartAlt: .warning
        default: nil
        }
    }
}
