/// Why the screen could not run.
public enum InspectorError: Error, Sendable, Equatable, CustomStringConvertible {
    case noTerminal

    public var description: String {
        switch self {
        case .noTerminal: "the screen needs a terminal: stdin and stdout must be a tty with a known TERM"
        }
    }
}
