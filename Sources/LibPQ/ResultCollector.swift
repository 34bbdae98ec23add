import CLibPQ

/// Gathers what libpq returns for one query, result by result, until `PQgetResult` gives NULL.
/// The last result with rows or a tag wins (as in psql); the first error wins over it.
struct ResultCollector {
    private var result: QueryResult?
    private var error: PostgresError?
    private var discardingCopyOutput = false
    /// False: rows and columns are not read (only the command tag and count), for callers that ignore them.
    var keepsRows = true

    /// Takes every result libpq can hand over without blocking; true once the query is complete.
    mutating func drain(_ connection: OpaquePointer) -> Bool {
        while true {
            if discardingCopyOutput {
                var buffer: UnsafeMutablePointer<CChar>?
                let length = PQgetCopyData(connection, &buffer, 1)
                if length > 0 {
                    PQfreemem(buffer)
                    continue
                }
                if length == 0 { return false }
                discardingCopyOutput = false
            }
            if PQisBusy(connection) != 0 { return false }
            guard let next = PQgetResult(connection) else { return true }
            absorb(next, connection: connection)
            PQclear(next)
        }
    }

    /// After libpq dropped the socket: takes the results it reports without waiting on anything.
    mutating func drainAfterLoss(_ connection: OpaquePointer) {
        while let next = PQgetResult(connection) {
            absorb(next, connection: connection)
            PQclear(next)
        }
    }

    /// The query's outcome; resets the collector for the next query.
    mutating func finish(_ connection: OpaquePointer) -> Result<QueryResult, PostgresError> {
        defer { self = ResultCollector() }
        let lost = PQstatus(connection) == CONNECTION_BAD
        if var error {
            if lost || error.endsSession { error.kind = .connectionLost }
            return .failure(error)
        }
        if lost {
            return .failure(PostgresError(kind: .connectionLost, connection: connection, prefix: "connection lost: "))
        }
        return .success(result ?? QueryResult())
    }

    private mutating func absorb(_ next: OpaquePointer, connection: OpaquePointer) {
        switch PQresultStatus(next) {
        case PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE:
            result = keepsRows ? QueryResult(rowsOf: next) : QueryResult(tagOf: next)
        case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            result = QueryResult(tagOf: next)
        case PGRES_COPY_IN:
            _ = PQputCopyEnd(connection, "COPY FROM STDIN is not supported by pooltop")
        case PGRES_COPY_OUT:
            discardingCopyOutput = true
            if error == nil {
                error = PostgresError(kind: .queryFailed, message: "COPY TO STDOUT is not supported by pooltop; its output was discarded")
            }
        default:
            if error == nil { error = PostgresError(kind: .queryFailed, result: next) }
        }
    }
}

extension QueryResult {
    init(tagOf result: OpaquePointer) {
        self.init(commandTag: String(cString: PQcmdStatus(result)), rowsAffected: Int(rowsAffectedOf: result))
    }

    init(rowsOf result: OpaquePointer) {
        let columnCount = PQnfields(result)
        let rowCount = PQntuples(result)
        var columns: [Column] = []
        columns.reserveCapacity(Int(columnCount))
        for column in 0..<columnCount {
            columns.append(Column(name: String(cString: PQfname(result, column)), typeOID: PQftype(result, column)))
        }
        var rows: [[String?]] = []
        rows.reserveCapacity(Int(rowCount))
        for row in 0..<rowCount {
            var values: [String?] = []
            values.reserveCapacity(Int(columnCount))
            for column in 0..<columnCount {
                if PQgetisnull(result, row, column) != 0 {
                    values.append(nil)
                } else {
                    let bytes = UnsafeRawPointer(PQgetvalue(result, row, column)!).assumingMemoryBound(to: UInt8.self)
                    let length = Int(PQgetlength(result, row, column))
                    values.append(String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self))
                }
            }
            rows.append(values)
        }
        self.init(
            columns: columns, rows: rows,
            commandTag: String(cString: PQcmdStatus(result)), rowsAffected: Int(rowsAffectedOf: result)
        )
    }
}

extension Int {
    /// The count in the command tag (PQcmdTuples), nil when the command has none.
    fileprivate init?(rowsAffectedOf result: OpaquePointer) {
        guard let text = PQcmdTuples(result), text.pointee != 0 else { return nil }
        var value = 0
        var cursor = text
        while cursor.pointee >= 0x30 && cursor.pointee <= 0x39 {
            value = value &* 10 &+ Int(cursor.pointee - 0x30)
            cursor += 1
        }
        self = value
    }
}
