/// What one statement returned: columns, rows of text values (nil is NULL), the command tag.
public struct QueryResult: Sendable, Equatable {
    public struct Column: Sendable, Equatable {
        public var name: String
        public var typeOID: UInt32

        public init(name: String, typeOID: UInt32) {
            self.name = name
            self.typeOID = typeOID
        }
    }
    public var columns: [Column]
    /// The rows read, all of them unless the caller asked for at most a number (`queryAll(_:rowLimit:)`).
    public var rows: [[String?]]
    /// How many rows the statement returned (at least `rows.count`).
    public var totalRows: Int
    /// E.g. "SELECT 1", "INSERT 0 3".
    public var commandTag: String
    public var rowsAffected: Int?

    public init(columns: [Column] = [], rows: [[String?]] = [], totalRows: Int? = nil, commandTag: String = "", rowsAffected: Int? = nil) {
        self.columns = columns
        self.rows = rows
        self.totalRows = max(totalRows ?? rows.count, rows.count)
        self.commandTag = commandTag
        self.rowsAffected = rowsAffected
    }
}
