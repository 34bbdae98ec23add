/// Where a recording stops being readable: the line (counted from 1, the header's) and what is wrong with it.
/// The lines before it are replayed; `description` is the one line the user sees.
public struct RecordingDamage: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case notJSON
        /// The last line ends without its newline and does not parse: the run was killed while writing it.
        case cutShort
        case missing(String)
        case invalid(String)

        public var description: String {
            switch self {
            case .notJSON: "not a JSON object"
            case .cutShort: "cut short mid-line"
            case .missing(let key): "no '\(key)'"
            case .invalid(let why): why
            }
        }
    }

    public var line: Int
    public var problem: Problem

    public init(line: Int, problem: Problem) {
        self.line = line
        self.problem = problem
    }

    public var description: String { "recording damaged at line \(line): \(problem); replayed \(line - 1) lines" }
}
