/// Terminal size in cells.
public struct Size: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// Where the keyboard goes right now.
public enum InputMode: Sendable, Equatable {
    case normal
    /// Typing a filter for the current table.
    case filtering
    /// Typing SQL in the console.
    case prompt
    /// A destructive command waits for y/n.
    case confirm(Confirmation)
}

/// A question the user must answer before a destructive command runs.
public struct Confirmation: Sendable, Equatable {
    public var question: String
    public var command: Command
}

/// Selection, scroll, sort and filter of one table view.
public struct TableState: Sendable, Equatable {
    public var filter: String = ""
    public var sortColumn: Int = 0
    public var descending: Bool = false
    public var selected: Int = 0
    public var top: Int = 0
    public init() {}
}

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

/// Everything about the screen that is not data: the view, modes, selections, rate, theme name.
/// Changed only by `InputHandler` (keys) and the app (results); read by `FrameBuilder`.
public struct ViewState: Sendable, Equatable {
    public var view: ViewKind = .dashboard
    public var showHelp = false
    public var helpTop = 0
    public var mode: InputMode = .normal
    public var tables: [ViewKind: TableState] = [:]
    public var console = ConsoleState()
    /// The display is frozen (`p`): data stops updating, keys still work.
    public var displayFrozen = false
    /// Frames per second.
    public var refreshRate: Double = 10
    public var themeName = "default"
    public var glyphs = Glyphs(ascii: false)
    /// A short message for the footer (results of commands, theme warnings).
    public var status: String?

    public init() {}

    public static let refreshRates: [Double] = [0.5, 1, 2, 5, 10, 20, 30]

    public func table(_ view: ViewKind) -> TableState { tables[view] ?? TableState() }

    mutating func updateTable(_ view: ViewKind, _ change: (inout TableState) -> Void) {
        var table = tables[view] ?? TableState()
        change(&table)
        tables[view] = table
    }
}
