import ConnectionPool
import LibPQ
import Workload

extension ConfigKey {
    /// Checks `text` with the key's own parser, the one its flag uses (`PoolKnob.apply`, `LoadKnob.apply`,
    /// `Preset.parse`, `ScreenValue`, `RunValue`, libpq for the target), so a bad file is refused whatever overrides it.
    /// The error names the key (`pool_size`); its problem never quotes a password.
    func check(_ text: String) throws(KnobError) {
        switch self {
        case .target:
            do { _ = try ConnectionTarget(text) } catch { throw KnobError(knob: name, ": \(error.message)") }
        case .pgbouncer: _ = try RunValue.pgbouncer(text)
        case .deadLinkTimeout: _ = try RunValue.deadLinkTimeout(text)
        case .preset: _ = try Preset.parse(text)
        case .theme:
            if KnobText.trimmed(text).isEmpty { throw KnobError(knob: name, ": give a theme name or a TOML file") }
        case .fps: _ = try ScreenValue.fps(text)
        case .ascii: _ = try ScreenValue.ascii(text)
        case .pool(let knob):
            var configuration = PoolConfiguration()
            try knob.apply(text, to: &configuration)
        case .load(let knob):
            var settings = LoadSettings()
            try knob.apply(text, to: &settings)
        case .query: _ = try QueryMix.statement(text)
        case .paused: _ = try RunValue.paused(text)
        case .benchDuration, .sweepDuration: _ = try RunValue.duration(text)
        case .sweepSizes: _ = try RunValue.sizes(text)
        }
    }
}

extension QueryMix {
    /// `--query`'s parser with its error as a knob's: one statement for every query.
    public static func statement(_ text: String) throws(KnobError) -> QueryMix {
        do { return try QueryMix.single(text) } catch { throw KnobError(knob: "query", ": \(error.description)") }
    }
}
