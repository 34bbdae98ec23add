import CLibPQ

/// Gathers what libpq returns for one query, result by result, until `PQgetResult` gives NULL. In `.last` mode
/// the last result with rows or a tag wins (as `PQexec`), the first error winning over it; in `.each` mode every
/// result and every notice is kept in the order the server sent them, up to the error that stopped the string.
struct ResultCollector {
    enum Mode {
        /// The last result only; rows and columns are not read unless `keepingRows` (callers that ignore them).
        case last(keepingRows: Bool)
        /// Every result (at most `rowLimit` rows of each read) with the notices from `notices` between them.
        case each(rowLimit: Int, notices: NoticeInbox)
    }

    /// What the collector hands back, by mode.
    enum Collected: Sendable {
        case last(Result<QueryResult, PostgresError>)
        case each(QueryResults)
    }

    var mode = Mode.last(keepingRows: true)
    private var result: QueryResult?
    private var items: [QueryResults.Item] = []
    private var error: PostgresError?
    private var discardingCopyOutput = false

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
    mutating func finish(_ connection: OpaquePointer) -> Collected {
        let lost = PQstatus(connection) == CONNECTION_BAD
        if var error {
            if lost || error.endsSession { error.kind = .connectionLost }
            return failing(with: error)
        }
        if lost {
            return failing(with: PostgresError(kind: .connectionLost, connection: connection, prefix: "connection lost: "))
        }
        defer { self = ResultCollector() }
        switch mode {
        case .last: return .last(.success(result ?? QueryResult()))
        case .each: return .each(QueryResults(items: itemsWithTrailingNotices()))
        }
    }

    /// The query ended with `error` (the connection lost, or closed under it): in `.each` mode after what came
    /// before it. Resets the collector for the next query.
    mutating func failing(with error: PostgresError) -> Collected {
        defer { self = ResultCollector() }
        switch mode {
        case .last: return .last(.failure(error))
        case .each: return .each(QueryResults(items: itemsWithTrailingNotices(), error: error))
        }
    }

    private mutating func itemsWithTrailingNotices() -> [QueryResults.Item] {
        takeNotices()
        return items
    }

    /// In `.each` mode, moves the notices libpq has parsed so far into the items: they came before what follows.
    private mutating func takeNotices() {
        guard case .each(_, let notices) = mode else { return }
        items += notices.take().map(QueryResults.Item.notice)
    }

    private mutating func absorb(_ next: OpaquePointer, connection: OpaquePointer) {
        takeNotices()
        switch PQresultStatus(next) {
        case PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE:
            switch mode {
            case .last(let keepingRows): result = keepingRows ? QueryResult(rowsOf: next) : QueryResult(tagOf: next)
            case .each(let rowLimit, _): items.append(.result(QueryResult(rowsOf: next, limit: rowLimit)))
            }
        case PGRES_COMMAND_OK:
            keep(QueryResult(tagOf: next))
        case PGRES_EMPTY_QUERY:
            // psql shows nothing for an empty statement.
            if case .last = mode { result = QueryResult(tagOf: next) }
        case PGRES_COPY_IN:
            _ = PQputCopyEnd(connection, "COPY FROM STDIN is not supported by pooltop")
        case PGRES_COPY_OUT:
            discardingCopyOutput = true
            let refusal = "COPY TO STDOUT is not supported by pooltop; its output was discarded"
            switch mode {
            case .last: if error == nil { error = PostgresError(kind: .queryFailed, message: refusal) }
            // The statements after it still run: said in its place, as a warning.
            case .each: items.append(.notice(ServerMessage(severity: "WARNING", message: refusal)))
            }
        default:
            if error == nil { error = PostgresError(kind: .queryFailed, result: next) }
        }
    }

    private mutating func keep(_ tagged: QueryResult) {
        switch mode {
        case .last: result = tagged
        case .each: items.append(.result(tagged))
        }
    }
}

extension QueryResult {
    init(tagOf result: OpaquePointer) {
        self.init(commandTag: String(cString: PQcmdStatus(result)), rowsAffected: Int(rowsAffectedOf: result))
    }

    /// The columns and the first `limit` rows (all by default); `totalRows` counts them all.
    init(rowsOf result: OpaquePointer, limit: Int = .max) {
        let columnCount = PQnfields(result)
        let totalCount = PQntuples(result)
        let rowCount = Int32(clamping: min(Int(totalCount), max(0, limit)))
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
            columns: columns, rows: rows, totalRows: Int(totalCount),
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
