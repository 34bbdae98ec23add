/// A failure the executable reports as one line on stderr, with its exit code (docs/ARCHITECTURE.md, "Contracts").
struct Failure: Error, CustomStringConvertible {
    enum Code: Int32 {
        case runtime = 1
        /// Bad usage, or the database cannot be reached.
        case usageOrConnection = 2
    }

    var code: Code
    var message: String

    static func usage(_ message: String) -> Failure { Failure(code: .usageOrConnection, message: message) }
    static func connection(_ message: String) -> Failure { Failure(code: .usageOrConnection, message: message) }
    static func runtime(_ message: String) -> Failure { Failure(code: .runtime, message: message) }

    var description: String { message }
}

extension String {
    /// Folds libpq's multi-line messages ("…failed: Connection refused\n\tIs the server running…")
    /// into one line.
    var singleLine: String {
        split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}

import Foundation
