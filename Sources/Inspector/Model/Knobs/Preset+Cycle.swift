import ConnectionPool

extension Preset {
    /// The preset `P` (direction 1) and the knobs panel's `+`/`-` move to from a pool whose preset is `presetName`;
    /// from `custom` (no preset) the first. What the live pool and the demo both step through.
    public static func stepped(from presetName: String, by direction: Int = 1) -> Preset {
        let presets = allCases
        let index = presets.firstIndex { presetName.hasPrefix($0.rawValue) }
        return presets[index.map { ($0 + (direction > 0 ? 1 : presets.count - 1)) % presets.count } ?? 0]
    }
}
