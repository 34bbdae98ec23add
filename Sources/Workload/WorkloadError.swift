/// Why a load, bench or sweep could not run. `connectionFailed` is a usage/connection error (exit 2).
public enum WorkloadError: Error, Sendable, Equatable, CustomStringConvertible {
    case connectionFailed(String)
    case invalidOptions(String)

    public var description: String {
        switch self {
        case .connectionFailed(let message): return "cannot connect: \(message)"
        case .invalidOptions(let message): return message
        }
    }
}
