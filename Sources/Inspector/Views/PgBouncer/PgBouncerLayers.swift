import Workload

/// Both layers on one line: the pgbouncer pool that serves pooltop's own, its clients active and waiting inside
/// pgbouncer and its server connections, so the user sees whether the waiting happens in pooltop or in pgbouncer.
enum PgBouncerLayers {
    /// Draws the line when pooltop runs through the watched pgbouncer (or says why pgbouncer cannot be seen); answers the next row.
    static func draw(into frame: inout Frame, data: DashboardData, y: Int, glyphs: Glyphs) -> Int {
        guard let pgbouncer = data.pgbouncer else { return y }
        var x = frame.put("pgbouncer ", x: 0, y: y, role: .header)
        if let reason = pgbouncer.unavailable {
            frame.put(reason, x: x, y: y, role: .warning)
            return y + 1
        }
        let serving = pgbouncer.pools(servingApplication: data.poolApplicationName)
        guard !serving.isEmpty else {
            frame.put("serves none of pooltop's connections (\(pgbouncer.servingPools.count) pools)", x: x, y: y, role: .muted)
            return y + 1
        }
        // pgbouncer's own short names where the line would not fit.
        let (clients, servers) = frame.width < 100 ? ("cl", "sv") : ("clients", "servers")
        for pool in serving {
            x += frame.put("\(pool.database)/\(pool.user) ", x: x, y: y, role: .accent)
            let parts: [(String, Int, Role)] = [
                ("\(clients) active ", pool.clientsActive, .inUse), ("  waiting ", pool.clientsWaiting, pool.clientsWaiting > 0 ? .waiting : .text),
                ("  \(servers) active ", pool.serversActive, .inUse), ("  idle ", pool.serversIdle + pool.serversUsed, .idle),
            ]
            for (label, value, role) in parts {
                x += frame.put(label, x: x, y: y, role: .muted)
                x += frame.put("\(value)", x: x, y: y, role: role)
            }
            x += frame.put("  maxwait ", x: x, y: y, role: .muted)
            x += frame.put(Format.duration(pool.maxWait), x: x, y: y, role: pool.maxWait > .zero ? .waiting : .text)
            x += 3
        }
        return y + 1
    }
}
