/// The statements entered in the console, oldest first, with Up/Down recall that keeps the draft being typed
/// (as readline does): Up from the draft remembers it, Down past the newest entry gives it back.
public struct StatementHistory: Sendable, Equatable {
    public static let defaultLimit = 1_000

    public private(set) var entries: [String]
    public let limit: Int
    /// The entry being shown, or nil while the draft is.
    private var position: Int?
    private var draft = ""

    public init(entries: [String] = [], limit: Int = defaultLimit) {
        self.limit = max(1, limit)
        self.entries = Array(entries.suffix(self.limit))
    }

    /// Stores a submitted statement (not a blank one, nor a repeat of the newest entry), dropping the oldest past
    /// the limit, and ends any recall.
    public mutating func add(_ statement: String) {
        position = nil
        draft = ""
        guard !statement.allSatisfy(\.isWhitespace), statement != entries.last else { return }
        entries.append(statement)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
    }

    /// Up: the next older entry, or nil at the oldest; `current` is the editor's text, kept as the draft when
    /// recall starts.
    public mutating func older(current: String) -> String? {
        let next = (position ?? entries.count) - 1
        guard next >= 0 else { return nil }
        if position == nil { draft = current }
        position = next
        return entries[next]
    }

    /// Down: the next newer entry, the draft after the newest, or nil when already at the draft.
    public mutating func newer() -> String? {
        guard let position else { return nil }
        if position + 1 < entries.count {
            self.position = position + 1
            return entries[position + 1]
        }
        self.position = nil
        return draft
    }

    /// A Ctrl-R search over these entries, starting from `current` (given back if the search is cancelled).
    public func search(current: String) -> HistorySearch {
        HistorySearch(entries: entries, original: current)
    }
}
