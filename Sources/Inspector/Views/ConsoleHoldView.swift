import ConnectionPool
import Workload

/// The dashboard's line about the slot the SQL console holds (a transaction is open there): which slot, for how
/// long, and whether that is past the pool's leak threshold. Drawn only while the console holds one.
enum ConsoleHoldView {
    /// The console's slot in `pool`, if it holds one.
    static func slot(in pool: PoolSnapshot) -> Slot? {
        pool.slots.first { $0.state == .inUse && $0.holder == ConsoleSession.holder }
    }

    static func draw(into frame: inout Frame, pool: PoolSnapshot, console: ConsoleState, y: Int) -> Int {
        guard let slot = slot(in: pool) else { return y }
        let held = slot.heldFor ?? .zero
        let leaking = pool.configuration.leakThreshold.map { held >= $0 } ?? false
        var x = frame.put("Console ", x: 0, y: y, role: .header)
        x += frame.put("holds slot \(slot.id)", x: x, y: y, role: leaking ? .error : .warning)
        if let pid = slot.backendPID { x += frame.put(" (backend \(pid))", x: x, y: y, role: .muted) }
        x += frame.put(" for \(Format.duration(held))", x: x, y: y, role: leaking ? .error : .text)
        if console.transaction.isOpen { x += frame.put("  " + console.transaction.label, x: x, y: y, role: .muted) }
        if leaking, let threshold = pool.configuration.leakThreshold {
            frame.put("  past leak_threshold \(Format.duration(threshold)): COMMIT or ROLLBACK in the SQL view", x: x, y: y, role: .error)
        }
        return y + 1
    }
}
