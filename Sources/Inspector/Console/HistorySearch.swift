/// Ctrl-R reverse incremental search: typing narrows to the newest entry containing the query, Ctrl-R again
/// goes to the next older match, Enter accepts the match, Esc cancels and gives back the text from before.
public struct HistorySearch: Sendable, Equatable {
    private let entries: [String]
    /// The editor's text when the search began.
    public let original: String
    public private(set) var query = ""
    /// The index of the entry shown, nil when nothing matches (readline's "failed reverse-i-search").
    private var matchIndex: Int?

    init(entries: [String], original: String) {
        self.entries = entries
        self.original = original
        matchIndex = entries.indices.last
    }

    /// The entry matching the query, or nil when none does.
    public var match: String? { matchIndex.map { entries[$0] } }
    public var failed: Bool { matchIndex == nil }

    /// Adds typed text to the query; the match stays if it still contains the query, otherwise the next older one.
    public mutating func type(_ text: String) {
        query += text
        matchIndex = find(from: matchIndex ?? entries.count - 1)
    }

    /// Removes the query's last character and searches again from the newest entry.
    public mutating func deleteBackward() {
        guard !query.isEmpty else { return }
        query.removeLast()
        matchIndex = find(from: entries.count - 1)
    }

    /// Ctrl-R again: the next older entry that contains the query (the match stays when there is none).
    public mutating func older() {
        guard let current = matchIndex, current > 0, let next = find(from: current - 1) else { return }
        matchIndex = next
    }

    /// Enter: the text to put in the editor (the match, or the original text when nothing matched).
    public func accept() -> String { match ?? original }

    /// Esc: the text from before the search.
    public func cancel() -> String { original }

    private func find(from start: Int) -> Int? {
        guard start >= 0 else { return nil }
        return entries[...start].lastIndex { query.isEmpty || $0.contains(query) }
    }
}
