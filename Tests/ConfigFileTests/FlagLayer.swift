import ConfigFile

/// A command line's layer giving `key` as `text`, named by `flag` (`--pool-size`), as the option groups build it.
func flag(_ key: ConfigKey, _ text: String, _ flag: String) -> ConfigLayer {
    ConfigLayer([key: Setting(text, from: .flag(flag))])
}
