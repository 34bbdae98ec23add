/// Selection, scroll, sort and filter of one table view.
public struct TableState: Sendable, Equatable {
    public var filter: String = ""
    public var sortColumn: Int = 0
    public var descending: Bool = false
    public var selected: Int = 0
    public var top: Int = 0
    public init(sortColumn: Int = 0, descending: Bool = false) {
        self.sortColumn = sortColumn
        self.descending = descending
    }
}
