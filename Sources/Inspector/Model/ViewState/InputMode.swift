/// Where the keyboard goes right now.
public enum InputMode: Sendable, Equatable {
    case normal
    /// Typing a filter for the current table.
    case filtering
    /// Typing SQL in the console.
    case prompt
    /// A destructive command waits for y/n.
    case confirm(Confirmation)
    /// The console asks before it ends a session that holds a transaction or a running statement.
    case consoleQuestion(ConsoleQuestion)
}

/// A question the user must answer before a destructive command runs.
public struct Confirmation: Sendable, Equatable {
    public var question: String
    public var command: Command
}
