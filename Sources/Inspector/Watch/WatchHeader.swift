import Workload

/// The watch screen's top three rows: the server (or why it cannot be reached), the connections against the
/// server's limit, and what the numbers leave out (hidden rows, the watch's own connection).
enum WatchHeader {
    static let rows = 3

    static func draw(into frame: inout Frame, target: String, state: WatchViewState) {
        let glyphs = state.glyphs
        let snapshot = state.phase.snapshot
        var right = "\(HeaderView.rateLabel(state.refreshRate)) fps "
        if let snapshot { right = "up " + Format.clock(snapshot.uptime) + glyphs.separator + right }
        let frozen = state.displayFrozen ? "display FROZEN " : ""
        let rightStart = frame.width - right.count - frozen.count
        let x = frame.put("pooltop watch", x: 0, y: 0, role: .header)
        if let snapshot, HeaderView.drawUnreachable(into: &frame, reachability: snapshot.reachability, now: snapshot.uptime, target: target,
                                                    x: x, rightStart: rightStart, glyphs: glyphs) {
            // The outage replaces the version on row 0.
        } else {
            HeaderView.drawTarget(into: &frame, target: target, version: snapshot?.serverVersion, x: x, rightStart: rightStart, glyphs: glyphs)
        }
        frame.put(frozen, x: rightStart, y: 0, role: .warning)
        frame.putRight(right, right: frame.width, y: 0, role: .accent)
        switch state.phase {
        case .loading: break
        case .pools(let snapshot), .pool(_, let snapshot):
            drawTotals(into: &frame, snapshot: snapshot, glyphs: glyphs)
            drawCaveat(into: &frame, snapshot: snapshot, glyphs: glyphs)
        case .unreachable(let outage):
            // No count while the server cannot be read: row 2 says why.
            frame.put(outage.reason, x: 0, y: 2, role: .warning)
        }
    }

    /// "connections 12 of 97 (max_connections 100 − 3 superuser_reserved_connections) · excludes this watch (pid 4242)";
    /// `short` names the settings in fewer words: "connections 12 of 97 (100 max − 3 reserved) · watch pid 4242 excluded".
    static func totals(_ snapshot: WatchSnapshot, glyphs: Glyphs, short: Bool = false) -> [(String, Role)] {
        let minus = glyphs.ascii ? " - " : " − "
        let dot = glyphs.ascii ? " | " : " · "
        var parts: [(String, Role)] = [("connections ", .muted)]
        if let limit = snapshot.limit {
            let near = Double(snapshot.connections) >= 0.9 * Double(max(1, limit.available))
            parts.append(("\(snapshot.connections) of \(limit.available)", near ? .error : .text))
            let reserved = short
                ? " (\(limit.maxConnections) max\(minus)\(limit.superuserReserved + (limit.reserved ?? 0)) reserved)"
                : " (max_connections \(limit.maxConnections)\(minus)\(limit.superuserReserved) superuser_reserved_connections"
                    + (limit.reserved.map { "\(minus)\($0) reserved_connections" } ?? "") + ")"
            parts.append((reserved, .muted))
        } else {
            parts.append(("\(snapshot.connections)", .text))
        }
        let pid = snapshot.ownPID.map { "pid \($0)" }
        let own = short ? "watch " + (pid.map { $0 + " " } ?? "") + "excluded" : "excludes this watch" + (pid.map { " (\($0))" } ?? "")
        parts.append((dot + own, .muted))
        return parts
    }

    private static func drawTotals(into frame: inout Frame, snapshot: WatchSnapshot, glyphs: Glyphs) {
        let long = totals(snapshot, glyphs: glyphs)
        let fits = long.map(\.0.count).reduce(0, +) <= frame.width
        var x = 0
        for (text, role) in fits ? long : totals(snapshot, glyphs: glyphs, short: true) where x < frame.width {
            x += frame.put(text, x: x, y: 1, role: role)
        }
    }

    /// Row 2: what is hidden, else what the short titles mean.
    private static func drawCaveat(into frame: inout Frame, snapshot: WatchSnapshot, glyphs: Glyphs) {
        if snapshot.hidden > 0 {
            let count = snapshot.hidden
            let hidden = "\(count) connection\(count == 1 ? "" : "s") hidden (no pg_read_all_stats): "
            let long = hidden + "counted, but their state, address and queries are not shown"
            frame.put(long.count <= frame.width ? long : hidden + "state and queries not shown", x: 0, y: 2, role: .warning)
        } else {
            frame.put(ClientPoolsTable.legend(glyphs, width: frame.width), x: 0, y: 2, role: .muted)
        }
    }
}
