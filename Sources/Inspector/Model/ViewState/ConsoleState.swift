/// The SQL console: what is being typed, the statements run before, and the last answer.
public struct ConsoleState: Sendable, Equatable {
    public var input: String = ""
    public var lastStatement: String?
    public var output: [String] = []
    public var running = false
    /// First output line shown (the answer scrolls with the movement keys).
    public var scroll = 0
    /// Statements run this session, oldest first (a repeat of the newest is not kept twice).
    public private(set) var history: [String] = []
    /// The entry Up/Down has put in `input`; nil while typing a new statement.
    private var recalled: Int?
    /// What was being typed when Up first recalled an entry; Down past the newest restores it.
    private var draft = ""

    public static let historyLimit = 200

    public init() {}

    /// Remembers a statement that is being run.
    mutating func remember(_ sql: String) {
        if history.last != sql { history.append(sql) }
        if history.count > Self.historyLimit { history.removeFirst(history.count - Self.historyLimit) }
        recalled = nil
    }

    /// Up: the statement before the one shown (the newest at first).
    mutating func recallOlder() {
        guard !history.isEmpty else { return }
        if let index = recalled {
            recalled = max(0, index - 1)
        } else {
            draft = input
            recalled = history.count - 1
        }
        input = history[recalled!]
    }

    /// Down: the statement after the one shown; past the newest, what was being typed.
    mutating func recallNewer() {
        guard let index = recalled else { return }
        if index + 1 < history.count {
            recalled = index + 1
            input = history[index + 1]
        } else {
            recalled = nil
            input = draft
        }
    }

    /// The input was edited: it is a new statement now, whatever it was recalled from.
    mutating func edited() {
        recalled = nil
    }
}
