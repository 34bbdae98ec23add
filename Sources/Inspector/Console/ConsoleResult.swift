/// A statement's answer as the console lays it out; the caller maps the driver's result into it and keeps at most
/// a bounded number of rows, saying how many there were in all.
public struct ConsoleResult: Sendable, Equatable {
    public var columns: [ConsoleColumn]
    /// Row values in column order; nil is SQL NULL.
    public var rows: [[String?]]
    /// How many rows the statement returned (at least `rows.count`).
    public var totalRows: Int
    /// The server's command tag, e.g. `SELECT 3`, `INSERT 0 1`.
    public var commandTag: String
    public var duration: Duration?

    public init(columns: [ConsoleColumn], rows: [[String?]], totalRows: Int? = nil, commandTag: String, duration: Duration? = nil) {
        self.columns = columns
        self.rows = rows
        self.totalRows = max(totalRows ?? rows.count, rows.count)
        self.commandTag = commandTag
        self.duration = duration
    }
}

/// A result column: its name and its type's OID, which decides the alignment.
public struct ConsoleColumn: Sendable, Equatable {
    public var name: String
    public var typeOID: UInt32

    public init(name: String, typeOID: UInt32) {
        self.name = name
        self.typeOID = typeOID
    }

    /// int2/4/8, float4/8, numeric, money, oid, xid, xid8, cid: right-aligned, as psql aligns them.
    public var isNumeric: Bool { Self.numericOIDs.contains(typeOID) }

    private static let numericOIDs: Set<UInt32> = [20, 21, 23, 26, 28, 29, 700, 701, 790, 1700, 5069]
}
