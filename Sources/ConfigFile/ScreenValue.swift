import ConnectionPool

/// The screen's settings in the flags' syntax: the one parser `--fps`/`--ascii` and the config file share.
public enum ScreenValue {
    public static let defaultFPS: Double = 10

    /// Frames per second: a number above 0, at most 60.
    public static func fps(_ text: String) throws(KnobError) -> Double {
        let value = KnobText.trimmed(text)
        guard let fps = Double(value) else { throw KnobError(knob: "fps", ": '\(value)' is not a number of frames per second") }
        guard fps > 0 && fps <= 60 else { throw KnobError(knob: "fps", " must be between 0 and 60, not \(DecimalNotation.trimmed(fps))") }
        return fps
    }

    /// ASCII only: on or off.
    public static func ascii(_ text: String) throws(KnobError) -> Bool {
        try KnobText.switchValue(KnobText.trimmed(text), knob: "ascii")
    }

    /// Whether a theme is given as a file (a path with a `/`, or a name ending in `.toml`) rather than by name.
    public static func isThemeFile(_ text: String) -> Bool {
        text.contains("/") || text.hasSuffix(".toml")
    }
}
