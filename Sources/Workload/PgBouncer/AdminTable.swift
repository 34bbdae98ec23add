import LibPQ

/// A result of pgbouncer's admin console read by column name, never by position: versions add columns
/// (1.18 has none of 1.21's `prepared_statements` or 1.23's `id`) and could reorder them.
struct AdminTable: Sendable {
    struct Row: Sendable {
        fileprivate let values: [String?]
        fileprivate let index: [String: Int]

        /// The column's text; nil when the column is missing or NULL.
        func text(_ column: String) -> String? {
            guard let position = index[column], values.indices.contains(position) else { return nil }
            return values[position]
        }

        /// The column as a count; 0 when missing, NULL or not a number (statistics columns are numeric).
        func count(_ column: String) -> Int {
            text(column).flatMap { Int($0) } ?? 0
        }

        /// A duration given as whole seconds in `seconds` and the microseconds beyond them in `micros`
        /// (`maxwait` and `maxwait_us`, `wait` and `wait_us`).
        func duration(seconds: String, micros: String) -> Duration {
            .seconds(count(seconds)) + .microseconds(count(micros))
        }
    }

    let columns: [String]
    let rows: [Row]

    init(_ result: QueryResult) {
        columns = result.columns.map(\.name)
        var index: [String: Int] = [:]
        for (position, name) in columns.enumerated() where index[name] == nil { index[name] = position }
        rows = result.rows.map { Row(values: $0, index: index) }
    }
}
