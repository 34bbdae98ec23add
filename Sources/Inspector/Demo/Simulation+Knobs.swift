import ConnectionPool
import Workload

/// The knobs panel in the demo: values are read with the same parsers as the live pool's, and idle
/// connections past `idle_timeout` close as they would there.
extension Simulation {
    /// Sets a pool knob or the preset; nil when applied (the caller logs the changes), else the reason.
    mutating func setPoolKnob(_ knob: Knob, _ text: String) -> String? {
        do {
            switch knob {
            case .preset: configuration = try Preset.parse(text).configuration
            case .pool(let knob): try knob.apply(text, to: &configuration)
            case .load: return nil
            }
            return nil
        } catch {
            return error.description
        }
    }

    mutating func setLoadKnob(_ knob: LoadKnob, _ text: String) -> String {
        var new = settings
        do { try knob.apply(text, to: &new) } catch { return error.description }
        let changes = settings.changes(to: new)
        let workers = new.workers
        settings = new
        if knob == .workers { _ = setWorkers(workers) }
        for change in changes { log(.configurationChanged(description: change)) }
        return changes.isEmpty ? "no change" : changes.joined(separator: ", ")
    }

    /// Idle slots unused for `idle_timeout` close, oldest first, while more than `min_idle` are idle.
    mutating func closeExpiredIdle() {
        guard let timeout = configuration.idleTimeout else { return }
        var idleCount = slots.filter { $0.state == .idle }.count
        for index in slots.indices.reversed() where idleCount > configuration.minimumIdle {
            guard slots[index].state == .idle, let idleFor = slots[index].idleFor, idleFor >= timeout else { continue }
            log(.slotChanged(slot: slots[index].id, from: .idle, to: nil, reason: .idle))
            slots.remove(at: index)
            idleCount -= 1
        }
    }
}
