/// What the console's statement runner is doing, as the screen knows it.
public enum ConsolePhase: Sendable, Equatable {
    /// Nothing runs: Enter submits.
    case idle
    /// A statement was sent; `cancelling` once Esc or Ctrl-C asked the server to stop it.
    case running(statement: String, cancelling: Bool)
    /// `\watch`: the statement re-runs every `seconds` until Esc.
    case watching(statement: String, seconds: Double)

    public var isBusy: Bool { self != .idle }
}

/// A question the console asks before it ends a session that still holds something (y answers yes).
public enum ConsoleQuestion: Sendable, Equatable {
    /// Quitting pooltop with a statement running or a transaction open.
    case quit(ConsoleTransaction, running: Bool)
    /// `\q` with a transaction open: leave the console after rolling back.
    case leave(ConsoleTransaction)

    public var text: String {
        switch self {
        case .quit(let transaction, let running):
            if transaction.isOpen { return "the console's transaction is open: roll it back and quit? y/n" }
            return running ? "a console statement is running: cancel it and quit? y/n" : "quit? y/n"
        case .leave:
            return "the console's transaction is open: roll it back and leave the console? y/n"
        }
    }
}
