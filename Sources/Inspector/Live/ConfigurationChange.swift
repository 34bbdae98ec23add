import ConnectionPool
import Workload

/// Names what changed between two pool configurations, e.g. "pool_size 5 → 6".
public enum ConfigurationChange {
    public static func describe(from before: PoolConfiguration, to after: PoolConfiguration) -> String? {
        func duration(_ value: Duration?) -> String { value.map(DurationParsing.format) ?? "off" }
        var changes: [String] = []
        func note(_ name: String, _ old: String, _ new: String) {
            if old != new { changes.append("\(name) \(old) → \(new)") }
        }
        note("preset", before.presetName, after.presetName)
        note("pool_size", "\(before.poolSize)", "\(after.poolSize)")
        note("max_overflow", "\(before.maxOverflow)", "\(after.maxOverflow)")
        note("timeout", duration(before.checkoutTimeout), duration(after.checkoutTimeout))
        note("max_lifetime", duration(before.maxLifetime), duration(after.maxLifetime))
        note("idle_timeout", duration(before.idleTimeout), duration(after.idleTimeout))
        note("min_idle", "\(before.minimumIdle)", "\(after.minimumIdle)")
        note("pre_ping", "\(before.prePing)", "\(after.prePing)")
        note("order", before.idleOrder.rawValue, after.idleOrder.rawValue)
        note("reset", before.resetOnReturn.rawValue, after.resetOnReturn.rawValue)
        note("leak_threshold", duration(before.leakThreshold), duration(after.leakThreshold))
        note("max_waiters", before.maxWaiters.map(String.init) ?? "none", after.maxWaiters.map(String.init) ?? "none")
        return changes.isEmpty ? nil : changes.joined(separator: ", ")
    }
}
