import ConnectionPool
import Workload

/// Every key a config file may hold, by the name the flags and the knobs panel use: top-level `target`,
/// `pgbouncer`, `dead_link_timeout`, `preset`, `theme`, `fps`, `ascii`; `[pool]` the pool's knobs; `[load]` the
/// load's knobs, `query` and `paused`; `[bench]` its `duration`; `[sweep]` its `duration` and `sizes`.
public enum ConfigKey: Hashable, Sendable, CustomStringConvertible {
    case target
    /// The admin console to watch (`--pgbouncer`); a URL like the target, shown only masked.
    case pgbouncer
    /// `--dead-link-timeout`: how long a statement may wait on a link that gives no sign of life.
    case deadLinkTimeout
    case preset
    case theme
    case fps
    case ascii
    case pool(PoolKnob)
    case load(LoadKnob)
    /// One statement for every query (`--query`); the same slot as `load.mix`, so either replaces the other.
    case query
    /// `--paused`: the load starts paused.
    case paused
    /// `pooltop bench --duration`.
    case benchDuration
    /// `pooltop sweep --duration` and `--sizes`.
    case sweepDuration
    case sweepSizes

    /// Every key, in the order `--print-config` writes them.
    public static let all: [ConfigKey] = [.target, .pgbouncer, .deadLinkTimeout, .preset, .theme, .fps, .ascii]
        + PoolKnob.allCases.map(ConfigKey.pool) + LoadKnob.allCases.map(ConfigKey.load) + [.query, .paused]
        + [.benchDuration, .sweepDuration, .sweepSizes]

    /// The table the key lives in (`pool`, `load`, `bench`, `sweep`), nil at the top level.
    public var table: String? {
        switch self {
        case .target, .pgbouncer, .deadLinkTimeout, .preset, .theme, .fps, .ascii: return nil
        case .pool: return "pool"
        case .load, .query, .paused: return "load"
        case .benchDuration: return "bench"
        case .sweepDuration, .sweepSizes: return "sweep"
        }
    }

    /// The key's name inside its table: the knob's name (`pool_size`, `workers`), the flag's without `--`.
    public var name: String {
        switch self {
        case .target: return "target"
        case .pgbouncer: return "pgbouncer"
        case .deadLinkTimeout: return "dead_link_timeout"
        case .preset: return "preset"
        case .theme: return "theme"
        case .fps: return "fps"
        case .ascii: return "ascii"
        case .pool(let knob): return knob.name
        case .load(let knob): return knob.name
        case .query: return "query"
        case .paused: return "paused"
        case .benchDuration, .sweepDuration: return "duration"
        case .sweepSizes: return "sizes"
        }
    }

    /// The dotted path error messages name: `pool.pool_size`, `target`.
    public var path: String { table.map { $0 + "." + name } ?? name }

    public var description: String { path }

    /// The key at a dotted path, or nil when there is none.
    public init?(path: String) {
        guard let key = ConfigKey.all.first(where: { $0.path == path }) else { return nil }
        self = key
    }

    /// The tables a file may have.
    public static let tables = ["pool", "load", "bench", "sweep"]

    /// Whether this key and `other` fill one slot, so a higher layer giving either drops both below it.
    func sharesSlot(with other: ConfigKey) -> Bool {
        self == other || (Self.statementKeys.contains(self) && Self.statementKeys.contains(other))
    }

    static let statementKeys: Set<ConfigKey> = [.query, .load(.mix)]
}
