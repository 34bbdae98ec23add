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
    public var rows: [[String?]]
    /// E.g. "SELECT 1", "INSERT 0 3".
    public var commandTag: String
    public var rowsAffected: Int?

    public init(columns: [Column] = [], rows: [[String?]] = [], commandTag: String = "", rowsAffected: Int? = nil) {
        self.columns = columns
        self.rows = rows
        self.commandTag = commandTag
        self.rowsAffected = rowsAffected
    }
}
