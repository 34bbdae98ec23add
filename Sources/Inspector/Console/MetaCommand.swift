/// The backslash commands the console understands, parsed from what follows the prompt.
public enum MetaCommand: Sendable, Equatable {
    /// `\x`, `\x on`, `\x off`: expanded (one record per block) output; nil toggles.
    case expanded(Bool?)
    /// `\timing [on|off]`: show the duration under each result; nil toggles.
    case timing(Bool?)
    /// `\watch [SECONDS]`: re-run the last statement every interval until Esc.
    case watch(seconds: Double)
    /// `\?`: the list of commands.
    case help
    /// `\q`: leave the console.
    case quit

    /// psql's default `\watch` interval.
    public static let defaultWatchSeconds = 2.0

    /// Parses `\name [argument]`; a name or argument we do not support gets a message saying so.
    public static func parse(_ text: String) -> Result<MetaCommand, MetaCommandError> {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let name = words.first, name.hasPrefix("\\") else { return .failure(.notACommand(text)) }
        let arguments = Array(words.dropFirst())
        switch name {
        case "\\x": return onOff(arguments, command: name).map(MetaCommand.expanded)
        case "\\timing": return onOff(arguments, command: name).map(MetaCommand.timing)
        case "\\watch": return watch(arguments)
        case "\\?": return arguments.isEmpty ? .success(.help) : .failure(.extraArguments(name))
        case "\\q": return arguments.isEmpty ? .success(.quit) : .failure(.extraArguments(name))
        default: return .failure(.unknown(name))
        }
    }

    /// One line per supported command, for `\?`.
    public static let helpLines = [
        "\\x [on|off]        toggle expanded output (one record per block)",
        "\\timing [on|off]   toggle showing how long each statement took",
        "\\watch [SECONDS]   re-run the last statement every SECONDS (default 2) until Esc",
        "\\?                 this list",
        "\\q                 leave the console",
    ]

    private static func onOff(_ arguments: [String], command: String) -> Result<Bool?, MetaCommandError> {
        switch arguments.count {
        case 0: return .success(nil)
        case 1:
            switch arguments[0].lowercased() {
            case "on", "true", "yes", "1": return .success(true)
            case "off", "false", "no", "0": return .success(false)
            default: return .failure(.badArgument(command, arguments[0], expected: "on or off"))
            }
        default: return .failure(.extraArguments(command))
        }
    }

    private static func watch(_ arguments: [String]) -> Result<MetaCommand, MetaCommandError> {
        guard let argument = arguments.first else { return .success(.watch(seconds: defaultWatchSeconds)) }
        guard arguments.count == 1 else { return .failure(.extraArguments("\\watch")) }
        let number = argument.hasPrefix("i=") ? String(argument.dropFirst(2)) : argument
        guard let seconds = Double(number), seconds.isFinite, seconds > 0 else {
            return .failure(.badArgument("\\watch", argument, expected: "a number of seconds above 0"))
        }
        return .success(.watch(seconds: seconds))
    }
}

/// Why a backslash command was refused, in words for the console.
public enum MetaCommandError: Error, Sendable, Equatable, CustomStringConvertible {
    case notACommand(String)
    case unknown(String)
    case badArgument(String, String, expected: String)
    case extraArguments(String)

    public var description: String {
        switch self {
        case .notACommand(let text): "not a backslash command: \(text)"
        case .unknown(let name): "invalid command \(name); try \\? for help"
        case .badArgument(let name, let value, let expected): "\(name): invalid value \"\(value)\", expected \(expected)"
        case .extraArguments(let name): "\(name): too many arguments"
        }
    }
}
