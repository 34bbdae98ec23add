import ConnectionPool
import Workload

/// One row of the knobs panel: the preset, a pool knob or a load knob, under its one name (`PoolKnob`,
/// `LoadKnob`), read and checked with the same parser as its command-line flag.
public enum Knob: Sendable, Equatable, Hashable {
    case preset
    case pool(PoolKnob)
    case load(LoadKnob)

    /// Every knob, in the panel's order: the preset, the pool's, then the load's.
    public static let all: [Knob] = [.preset] + PoolKnob.allCases.map(Knob.pool) + LoadKnob.allCases.map(Knob.load)

    public var name: String {
        switch self {
        case .preset: "preset"
        case .pool(let knob): knob.name
        case .load(let knob): knob.name
        }
    }

    /// Whether the knob belongs to the pool (the preset included) or the load.
    public var isPool: Bool {
        if case .load = self { return false }
        return true
    }

    /// The value in force, as the flag would be written.
    public func value(in data: DashboardData) -> String {
        switch self {
        case .preset: data.pool.configuration.presetName
        case .pool(let knob): knob.value(in: data.pool.configuration)
        case .load(let knob): knob.value(in: data.load.settings)
        }
    }

    /// Checks `text` against the values in force, changing nothing: nil if it would be applied, else the reason.
    public func problem(with text: String, in data: DashboardData) -> KnobError? {
        do {
            switch self {
            case .preset: _ = try Preset.parse(text)
            case .pool(let knob):
                var configuration = data.pool.configuration
                try knob.apply(text, to: &configuration)
            case .load(let knob):
                var settings = data.load.settings
                try knob.apply(text, to: &settings)
            }
            return nil
        } catch {
            return error
        }
    }

    /// The value `+` (direction 1) or `-` (direction -1) sets; nil when the knob is only typed (the mix).
    public func stepped(_ direction: Int, in data: DashboardData) -> String? {
        switch self {
        case .preset: return Preset.stepped(from: data.pool.configuration.presetName, by: direction).rawValue
        case .pool(let knob): return knob.stepped(direction, in: data.pool.configuration)
        case .load(let knob): return knob.stepped(direction, in: data.load.settings)
        }
    }

    /// What the panel says about the knob's values, in the flag's words.
    public var syntax: String {
        switch self {
        case .preset: Preset.allCases.map(\.rawValue).joined(separator: ", ")
        case .pool(let knob):
            switch knob {
            case .poolSize, .minIdle: "a count"
            case .maxOverflow: "a count, or unlimited"
            case .timeout: "a duration: 30s, 500ms"
            case .maxLifetime, .idleTimeout, .leakThreshold: "a duration, or off"
            case .prePing: "on or off"
            case .idleOrder: IdleOrder.allCases.map(\.rawValue).joined(separator: " or ")
            case .reset: ResetMode.allCases.map(\.rawValue).joined(separator: ", ")
            case .maxWaiters: "a count, or unlimited"
            case .connectRetry: "first..longest: 100ms..10s"
            }
        case .load(let knob):
            switch knob {
            case .workers: "a count (closed loop)"
            case .think: "a duration: 10ms"
            case .rate: "queries a second (open loop), or off"
            case .mix: "select1, sleep(10ms):3, rw, 'SQL'"
            case .mode: "pool or no-pool"
            }
        }
    }
}
