import ConnectionPool
/// Why a `--mix` or `--query` string was rejected.
public struct QueryMixError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension QueryMix {
    /// The `--mix` syntax in one line, for help texts.
    public static let syntaxHelp =
        "comma-separated kind[:weight], kinds select1, sleep(10ms), sleep(5ms..50ms), rw, none, sql(...) or '...'; e.g. select1:3,sleep(10ms):1,rw:1"

    /// Parses a weighted mix: comma-separated `kind[:weight]`, kinds `select1`, `sleep(10ms)`,
    /// `sleep(5ms..50ms)` (uniform), `rw`, `none`, `sql(ANY SQL)` or `'ANY SQL'`. Weights default to 1.
    /// Example: `select1:3,sleep(10ms):1,rw:1`.
    public static func parse(_ text: String) throws(QueryMixError) -> QueryMix {
        var entries: [Entry] = []
        for part in splitTopLevel(text, separator: ",") {
            let item = part.trimmingSpaces()
            guard !item.isEmpty else { throw QueryMixError("empty entry in mix \"\(text)\"") }
            var kindText = item
            var weight = 1.0
            if let colon = lastTopLevelIndex(of: ":", in: item) {
                let weightText = String(item[item.index(after: colon)...]).trimmingSpaces()
                guard let parsed = Double(weightText), parsed > 0, parsed.isFinite else {
                    throw QueryMixError("weight \"\(weightText)\" in \"\(item)\" is not a positive number")
                }
                weight = parsed
                kindText = String(item[..<colon]).trimmingSpaces()
            }
            entries.append(Entry(try parseKind(kindText), weight: weight))
        }
        guard !entries.isEmpty else { throw QueryMixError("the mix is empty") }
        return QueryMix(entries)
    }

    /// One statement for every query (`--query`): `SELECT 1` becomes `.selectOne`, `none` checks out and in only.
    public static func single(_ sql: String) throws(QueryMixError) -> QueryMix {
        let trimmed = sql.trimmingSpaces()
        guard !trimmed.isEmpty else { throw QueryMixError("the query is empty") }
        var normalized = trimmed.lowercased()
        if normalized.hasSuffix(";") { normalized.removeLast() }
        switch normalized.trimmingSpaces() {
        case "select 1": return .selectOne
        case "none": return QueryMix([Entry(.none)])
        default: return QueryMix([Entry(.custom(trimmed))])
        }
    }

    /// The mix in `parse`'s syntax; `parse(mix.mixString) == mix`.
    public var mixString: String {
        entries.map { entry in
            entry.weight == 1 ? entry.query.mixToken : "\(entry.query.mixToken):\(DecimalNotation.trimmed(entry.weight))"
        }.joined(separator: ",")
    }

    /// What to call the load in reports: the SQL when there is one statement, else the mix string.
    public var label: String {
        if entries.count == 1, let sql = entries[0].query.sql { return sql }
        if entries.count == 1 { return entries[0].query.mixToken }
        return mixString
    }

    private static func parseKind(_ text: String) throws(QueryMixError) -> QueryKind {
        let lowered = text.lowercased()
        switch lowered {
        case "select1", "select 1": return .selectOne
        case "rw", "readwrite", "read-write": return .readWrite
        case "none", "noop": return .none
        default: break
        }
        if text.count >= 2, text.first == "'", text.last == "'" {
            let sql = String(text.dropFirst().dropLast()).replacingDoubledQuotes()
            guard !sql.trimmingSpaces().isEmpty else { throw QueryMixError("empty SQL in \"\(text)\"") }
            return .custom(sql)
        }
        if lowered.hasPrefix("sql("), text.hasSuffix(")") {
            let sql = String(text.dropFirst(4).dropLast()).trimmingSpaces()
            guard !sql.isEmpty else { throw QueryMixError("empty SQL in \"\(text)\"") }
            return .custom(sql)
        }
        if lowered.hasPrefix("sleep("), text.hasSuffix(")") {
            let inner = String(text.dropFirst(6).dropLast())
            if let range = inner.range(of: "..") {
                let low = String(inner[..<range.lowerBound]), high = String(inner[range.upperBound...])
                guard let min = DurationNotation.parse(low), let max = DurationNotation.parse(high) else {
                    throw QueryMixError("bad sleep range \"\(inner)\" in \"\(text)\" (try sleep(5ms..50ms))")
                }
                guard min <= max else { throw QueryMixError("sleep range \"\(inner)\" runs backwards") }
                return .sleepRandom(min: min, max: max)
            }
            guard let duration = DurationNotation.parse(inner) else {
                throw QueryMixError("bad sleep duration \"\(inner)\" in \"\(text)\" (try sleep(10ms))")
            }
            return .sleep(duration)
        }
        throw QueryMixError("unknown query kind \"\(text)\": use select1, sleep(10ms), sleep(5ms..50ms), rw, none, sql(...) or '...'")
    }

    /// Splits on `separator` outside parentheses and single quotes.
    static func splitTopLevel(_ text: String, separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var quoted = false
        for character in text {
            if character == "'" { quoted.toggle() }
            if !quoted {
                if character == "(" { depth += 1 }
                if character == ")" { depth = max(0, depth - 1) }
                if character == separator && depth == 0 {
                    parts.append(current)
                    current = ""
                    continue
                }
            }
            current.append(character)
        }
        parts.append(current)
        return parts
    }

    private static func lastTopLevelIndex(of target: Character, in text: String) -> String.Index? {
        var depth = 0
        var quoted = false
        var found: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "'" { quoted.toggle() }
            if !quoted {
                if character == "(" { depth += 1 }
                if character == ")" { depth = max(0, depth - 1) }
                if character == target && depth == 0 { found = index }
            }
            index = text.index(after: index)
        }
        return found
    }
}

extension QueryKind {
    /// The statement as the server sees it (nil for `.none`); for a random sleep, its range.
    public var sql: String? {
        switch self {
        case .selectOne: return "SELECT 1"
        case .sleep(let duration): return "SELECT pg_sleep(\(DecimalNotation.trimmed(duration.seconds, digits: 6)))"
        case .sleepRandom(let min, let max):
            return "SELECT pg_sleep(\(DecimalNotation.trimmed(min.seconds, digits: 6))..\(DecimalNotation.trimmed(max.seconds, digits: 6)))"
        case .readWrite: return "BEGIN; UPDATE pooltop_rw …; COMMIT"
        case .custom(let sql): return sql
        case .none: return nil
        }
    }

    /// The kind in `QueryMix.parse` syntax.
    public var mixToken: String {
        switch self {
        case .selectOne: return "select1"
        case .sleep(let duration): return "sleep(\(DurationNotation.format(duration)))"
        case .sleepRandom(let min, let max): return "sleep(\(DurationNotation.format(min))..\(DurationNotation.format(max)))"
        case .readWrite: return "rw"
        case .custom(let sql):
            return "'" + sql.replacingOccurrencesOfQuote() + "'"
        case .none: return "none"
        }
    }
}

extension String {
    fileprivate func replacingDoubledQuotes() -> String {
        var result = ""
        var previousWasQuote = false
        for character in self {
            if character == "'" && previousWasQuote { previousWasQuote = false; continue }
            previousWasQuote = character == "'"
            result.append(character)
        }
        return result
    }

    fileprivate func replacingOccurrencesOfQuote() -> String {
        var result = ""
        for character in self {
            result.append(character)
            if character == "'" { result.append("'") }
        }
        return result
    }
}

/// A `--mix` string (see `QueryMix.parse`), or a readable error.
public func parseMix(_ text: String) throws(QueryMixError) -> QueryMix {
    try QueryMix.parse(text)
}
