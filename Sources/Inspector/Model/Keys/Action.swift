/// What a key means in normal mode; one `KeyBinding` table maps keys to actions.
public enum Action: Sendable, Equatable, Hashable {
    case quit, help, back
    case nextView, previousView
    case showView(ViewKind)
    case toggleLoad
    case poolSizeUp, poolSizeDown
    case overflowUp, overflowDown
    case workersUp, workersDown
    case thinkTimeUp, thinkTimeDown
    case checkoutTimeoutUp, checkoutTimeoutDown
    case nextPreset
    case nextTheme, nextChartStyle
    case moveUp, moveDown, pageUp, pageDown, home, end
    case filter, sort, reverseSort
    case slower, faster
    case freezeDisplay
    case openConsole
    case terminateBackend
    case openKnobs
    /// The selected row's details (the watch screen: a pool's connections).
    case openRow
    /// `pooltop replay`'s keys (`KeyMap.replayBindings`).
    case replay(ReplayControl)
}
