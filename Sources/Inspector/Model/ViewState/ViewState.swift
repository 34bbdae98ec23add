/// Everything about the screen that is not data: the view, modes, selections, rate, theme name.
/// Changed only by `InputHandler` (keys) and the app (results); read by `FrameBuilder`.
public struct ViewState: Sendable, Equatable {
    public var view: ViewKind = .dashboard
    public var showHelp = false
    public var helpTop = 0
    public var mode: InputMode = .normal
    public var tables: [ViewKind: TableState] = [:]
    public var console = ConsoleState()
    /// The knobs panel, while it is open (`o`).
    public var knobs: KnobsPanel?
    /// The display is frozen (`p`): data stops updating, keys still work.
    public var displayFrozen = false
    /// Frames per second.
    public var refreshRate: Double = 10
    public var themeName = "default"
    public var glyphs = Glyphs(ascii: false)
    /// A short message for the footer (results of commands, theme warnings).
    public var status: String?
    /// The data comes from a recording: the replay keys apply (`KeyMap.replayBindings`).
    public var replaying = false

    public init() {}

    public static let refreshRates: [Double] = [0.5, 1, 2, 5, 10, 20, 30]

    public func table(_ view: ViewKind) -> TableState { tables[view] ?? TableState() }

    mutating func updateTable(_ view: ViewKind, _ change: (inout TableState) -> Void) {
        var table = tables[view] ?? TableState()
        change(&table)
        tables[view] = table
    }
}
