/// Tells whether a statement spells out a password, so history never stores it: `PASSWORD '...'` (roles, user
/// mappings), `\password`, a connection string with `password=`, or a URL with `user:secret@`.
/// Names that merely contain the word (a `password_hash` column, a message about passwords) are not flagged.
public enum PasswordLiteral {
    public static func appears(in statement: String) -> Bool {
        let scanner = SQLScanner(statement)
        var shape = ""
        for segment in scanner.segments {
            switch segment.kind {
            case .string, .dollarString:
                if isConnectionString(segment.text) { return true }
                shape += "\u{1}"
            case .metaCommand:
                if isPasswordCommand(segment.text) { return true }
                shape += " "
            case .lineComment, .blockComment:
                shape += " "
            case .code, .quotedIdentifier:
                shape += segment.text
            }
        }
        return shape.contains(/(?i)\bpassword\s*=?\s*e?\x{1}/) || hasCredentialsURL(statement)
    }

    /// `statement` as the screen may show it: when it spells out a password, every string literal becomes `'***'`
    /// and a backslash command's arguments go; otherwise unchanged.
    public static func masked(_ statement: String) -> String {
        guard appears(in: statement) else { return statement }
        return SQLScanner(statement).segments.map { segment in
            switch segment.kind {
            case .string, .dollarString: "'***'"
            case .metaCommand: String(segment.text.prefix { !$0.isWhitespace }) + " ***"
            default: segment.text
            }
        }.joined()
    }

    /// `password=` (or `password =`) inside a literal, as in a conninfo given to dblink or a subscription.
    private static func isConnectionString(_ text: String) -> Bool {
        text.contains(/(?i)\bpassword\s*=/)
    }

    /// `\password`, or `\c`/`\connect` with a conninfo that holds a password.
    private static func isPasswordCommand(_ text: String) -> Bool {
        text.contains(/^\\password\b/) || (text.contains(/^\\c(onnect)?\b/) && isConnectionString(text))
    }

    private static func hasCredentialsURL(_ text: String) -> Bool {
        text.contains(/[A-Za-z][A-Za-z0-9+.\-]*:\/\/[^\s\/:@']+:[^\s\/@']+@/)
    }
}
