import LibPQ

/// The short reason the screen gives for an unreachable server, cut from libpq's message:
/// `connection to server at "127.0.0.1", port 5432 failed: Connection refused Is the server running…`
/// reads "connection refused".
enum UnreachableReason {
    static func text(for error: PostgresError) -> String {
        shortened(error.message)
    }

    static func shortened(_ message: String) -> String {
        var text = Substring(message)
        if let failed = text.ranges(of: "failed: ").last { text = text[failed.upperBound...] }
        for hint in ["\n", "\tIs the server", " Is the server", " This probably means"] {
            if let cut = text.range(of: hint) { text = text[..<cut.lowerBound] }
        }
        var reason = text.trimmingWhitespace()
        // "Connection refused" → "connection refused"; leaves "FATAL", "SSL" and names alone.
        if let first = reason.first, first.isUppercase, reason.dropFirst().first?.isLowercase == true {
            reason = first.lowercased() + reason.dropFirst()
        }
        return reason.isEmpty ? "no reason given" : reason
    }
}

private extension Substring {
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
