import Workload

/// How a server monitor event reads in the log: what happened to the server, in a DBA's words.
enum ServerEventText {
    static func describe(_ event: ServerEvent, glyphs: Glyphs) -> String {
        switch event.kind {
        case .unreachable(let reason):
            return "\(event.subject.rawValue) unreachable: \(reason)"
        case .back(let after):
            return "\(event.subject.rawValue) back after \(Format.duration(after))"
        case .restarted(let from, let to):
            return "server restarted (postmaster start time changed from \(startTime(from)) to \(startTime(to)))"
        case .nearMaxConnections(let connections, let maximum):
            return "max_connections nearly reached: \(connections) of \(maximum) client backends"
        }
    }

    static func role(_ event: ServerEvent) -> Role {
        switch event.kind {
        case .unreachable: .error
        case .back: .accent
        case .restarted, .nearMaxConnections: .warning
        }
    }

    /// "2026-12-03 07:31:02.123456+00" → "2026-12-03 07:31:02+00": the second is enough to read.
    static func startTime(_ text: String) -> String {
        guard let dot = text.firstIndex(of: ".") else { return text }
        let zone = text[dot...].drop { $0 == "." || $0.isNumber }
        return String(text[..<dot]) + zone
    }
}
