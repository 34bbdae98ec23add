/// The editing keys `LineEditor` understands; the screen maps its keys to them
/// (Home and Ctrl-A to `.home`, End and Ctrl-E to `.end`, Ctrl-K, Ctrl-U, Ctrl-W to the kills).
public enum EditingKey: Sendable, Equatable {
    /// Typed or pasted text; newlines in it start new lines.
    case insert(String)
    case left, right, up, down, home, end
    /// Ctrl-K: delete from the cursor to the end of the line (at the end, join the next line).
    case killToLineEnd
    /// Ctrl-U: delete from the start of the line to the cursor.
    case killToLineStart
    /// Ctrl-W: delete the whitespace-delimited word before the cursor.
    case killWordBefore
    case backspace, delete, enter
}

/// What an editing key did.
public enum EditResult: Sendable, Equatable {
    case edited
    /// Nothing to do (Backspace at the start, Left at the beginning, Enter on an empty buffer).
    case unchanged
    /// Enter completed a statement; the editor is empty again.
    case submitted(Submission)
    /// Up on the first line or Down on the last: the caller recalls history instead.
    case beyondTop, beyondBottom
}

/// A complete input: SQL ending in `;`, and/or a backslash command on the last line (psql runs both).
public struct Submission: Sendable, Equatable {
    /// Everything typed, as history keeps it.
    public var text: String
    /// The SQL to send (without a trailing backslash command); empty when the input was only a command.
    public var sql: String
    /// The backslash command, e.g. `\watch 2`, if the last line held one.
    public var metaCommand: String?

    public init(text: String, sql: String, metaCommand: String?) {
        self.text = text
        self.sql = sql
        self.metaCommand = metaCommand
    }
}
