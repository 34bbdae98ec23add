import ConnectionPool

/// The pool's and the load's knobs as a recording keeps them: each by its one name, in the flags' syntax,
/// read back with the knob's own parser (`PoolKnob.apply`, `LoadKnob.apply`), so what is written parses back.
public enum RecordedKnobs {
    public static func pool(_ configuration: PoolConfiguration) -> [String: String] {
        var knobs = ["preset": configuration.presetName]
        for knob in PoolKnob.allCases { knobs[knob.name] = knob.value(in: configuration) }
        return knobs
    }

    public static func load(_ settings: LoadSettings) -> [String: String] {
        var knobs = ["paused": settings.paused ? "on" : "off"]
        for knob in LoadKnob.allCases { knobs[knob.name] = knob.value(in: settings) }
        return knobs
    }

    /// The configuration the knobs describe; a knob missing or unreadable keeps its default.
    public static func configuration(_ knobs: [String: String]) -> PoolConfiguration {
        var configuration = PoolConfiguration()
        let given = PoolKnob.allCases.compactMap { knob in knobs[knob.name].map { (knob, $0) } }
        if (try? PoolKnob.apply(given, to: &configuration)) == nil {
            for (knob, text) in given { try? knob.apply(text, to: &configuration) }
        }
        if let preset = knobs["preset"] { configuration.presetName = preset }
        return configuration
    }

    public static func settings(_ knobs: [String: String]) -> LoadSettings {
        var settings = LoadSettings()
        for knob in LoadKnob.allCases {
            guard let text = knobs[knob.name] else { continue }
            try? knob.apply(text, to: &settings)
        }
        settings.paused = knobs["paused"] == "on"
        return settings
    }
}
