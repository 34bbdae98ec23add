import Workload

/// Everything about the watch screen that is not data: which table, its sort and selection, the pool opened
/// with Enter, display settings. Changed only by `WatchInput`; read by `WatchFrameBuilder`.
public struct WatchViewState: Sendable, Equatable {
    /// The pools table, busiest first.
    public var pools = TableState(sortColumn: ClientPoolsTable.connectionsColumn, descending: true)
    /// The opened pool's connections.
    public var connections = TableState()
    /// The pool whose connections are shown (Enter); nil: the pools table.
    public var opened: ClientPoolKey?
    /// `/` is taking the filter's text.
    public var filtering = false
    /// The display is frozen (`p`): data stops updating, keys still work.
    public var displayFrozen = false
    public var refreshRate: Double = 10
    public var themeName = "default"
    public var glyphs = Glyphs(ascii: false)
    /// A short message for the footer.
    public var status: String?

    public init() {}

    /// The table the movement and sort keys act on.
    var table: TableState {
        get { opened == nil ? pools : connections }
        set { if opened == nil { pools = newValue } else { connections = newValue } }
    }
}
