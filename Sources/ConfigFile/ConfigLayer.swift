/// One layer of settings (a config file, the environment, the command line), by key. Layers stack:
/// `LayeredSettings` takes each key from the highest layer that gives it.
public struct ConfigLayer: Sendable, Equatable {
    public var settings: [ConfigKey: Setting]

    public init(_ settings: [ConfigKey: Setting] = [:]) { self.settings = settings }

    public subscript(key: ConfigKey) -> Setting? {
        get { settings[key] }
        set { settings[key] = newValue }
    }

    /// The environment's layer: the target, when one of `serverVariables` (PGHOST, PGDATABASE…, as
    /// `EmbeddedPostgres.serverNamingVariables` lists them) is set. pooltop has no POOLTOP_* variables.
    public static func environment(_ environment: [String: String], serverVariables: [String]) -> ConfigLayer {
        guard let named = serverVariables.first(where: { !(environment[$0] ?? "").isEmpty }) else { return ConfigLayer() }
        return ConfigLayer([.target: Setting("", from: .environment(named))])
    }

    /// This layer with `other`'s settings added (the option groups' flags, one group at a time).
    public func merging(_ other: ConfigLayer) -> ConfigLayer {
        ConfigLayer(settings.merging(other.settings) { _, new in new })
    }
}
