/// One layer of settings (a config file, the environment, the command line), by key. Layers stack:
/// `LayeredSettings` takes each key from the highest layer that gives it.
public struct ConfigLayer: Sendable, Equatable {
    public var settings: [ConfigKey: Setting]

    public init(_ settings: [ConfigKey: Setting] = [:]) { self.settings = settings }

    public subscript(key: ConfigKey) -> Setting? {
        get { settings[key] }
        set { settings[key] = newValue }
    }

    /// The environment's layer: the target, when `serverVariable` (one of PGHOST, PGHOSTADDR, PGDATABASE,
    /// PGSERVICE, as `EmbeddedPostgres.serverNamingVariable(in:)` finds it) names a server for libpq.
    /// pooltop has no POOLTOP_* variables.
    public static func environment(serverVariable: String?) -> ConfigLayer {
        guard let serverVariable else { return ConfigLayer() }
        return ConfigLayer([.target: Setting("", from: .environment(serverVariable))])
    }

    /// This layer with `other`'s settings added (the option groups' flags, one group at a time).
    public func merging(_ other: ConfigLayer) -> ConfigLayer {
        ConfigLayer(settings.merging(other.settings) { _, new in new })
    }
}
