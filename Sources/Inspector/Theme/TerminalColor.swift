import Foundation

/// A colour as a theme file names it.
public enum TerminalColor: Sendable, Equatable, Hashable {
    /// The terminal's own foreground or background.
    case terminalDefault
    /// An xterm palette index, 0–255 (names map to 0–15).
    case index(Int)
    case rgb(UInt8, UInt8, UInt8)

    static let names: [String: Int] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "bright_black": 8, "gray": 8, "grey": 8, "bright_red": 9, "bright_green": 10, "bright_yellow": 11,
        "bright_blue": 12, "bright_magenta": 13, "bright_cyan": 14, "bright_white": 15,
    ]

    /// Parses `"green"`, `"bright_blue"`, `"208"`, `"#ff8700"`, `""` or `"default"`; nil when not a colour.
    public init?(parsing text: String) {
        let value = text.trimmingCharacters(in: .whitespaces).lowercased()
        if value.isEmpty || value == "default" || value == "none" {
            self = .terminalDefault
        } else if let index = TerminalColor.names[value.replacingOccurrences(of: "-", with: "_")] {
            self = .index(index)
        } else if let number = Int(value), (0...255).contains(number) {
            self = .index(number)
        } else if value.hasPrefix("#"), value.count == 7, let hex = UInt32(value.dropFirst(), radix: 16) {
            self = .rgb(UInt8(hex >> 16 & 0xFF), UInt8(hex >> 8 & 0xFF), UInt8(hex & 0xFF))
        } else {
            return nil
        }
    }
}
