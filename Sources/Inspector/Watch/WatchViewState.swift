import Workload

/// Everything the watch screen is: what it shows (`WatchPhase`, the data with it), the tables' sort and selection,
/// the help overlay, display settings. `WatchApp` keeps it behind one lock: its collecting task hands snapshots to
/// `receive`, `WatchInput` changes it on keys, `WatchFrameBuilder` draws it.
public struct WatchViewState: Sendable, Equatable {
    public var phase: WatchPhase = .loading
    /// The pools table, busiest first.
    public var pools = TableState(sortColumn: ClientPoolsTable.connectionsColumn, descending: true)
    /// The opened pool's connections.
    public var connections = TableState()
    /// `/` is taking the filter's text.
    public var filtering = false
    /// The display is frozen (`p`): snapshots are not taken in, keys still work.
    public var displayFrozen = false
    /// `?`: the help overlay, from line `helpTop` on.
    public var showHelp = false
    public var helpTop = 0
    public var refreshRate: Double = 10
    public var themeName = "default"
    public var glyphs = Glyphs(ascii: false)
    /// A short message for the footer.
    public var status: String?

    public init() {}

    /// A poll's snapshot, shown unless the display is frozen.
    public mutating func receive(_ snapshot: WatchSnapshot) {
        guard !displayFrozen else { return }
        phase.receive(snapshot)
    }

    /// The pool whose connections are shown; nil: the pools table.
    var opened: ClientPoolKey? { phase.opened }

    /// The table the movement and sort keys act on.
    var table: TableState {
        get { opened == nil ? pools : connections }
        set { if opened == nil { pools = newValue } else { connections = newValue } }
    }
}
