/// How many terminal columns text takes: 0, 1 or 2 per grapheme, as wcwidth-style terminals draw it.
/// Control characters measure 0: callers replace them before drawing (the frame turns them into spaces).
public enum DisplayWidth {
    /// 0 for combining and zero-width scalars (and controls), 2 for East Asian Wide/Fullwidth and emoji presentation.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F { return value < 0x20 ? 0 : 1 }
        if value < 0xA0 { return 0 }
        if isZeroWidth(scalar) { return 0 }
        if EastAsianWide.contains(value) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// A grapheme's width: its first scalar's, widened to 2 for emoji sequences (a skin-tone modifier, a ZWJ
    /// sequence, text made emoji by U+FE0F); a flag's regional indicators already have emoji presentation.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        let base = of(first)
        guard scalars.count > 1, base < 2 else { return base }
        if scalars.contains("\u{FE0F}") && first.properties.isEmoji { return 2 }
        if scalars.contains(where: { $0.properties.isEmojiPresentation }) { return 2 }
        return base
    }

    /// The sum of the graphemes' widths.
    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for character in text {
            if let ascii = character.asciiValue {
                total += ascii < 0x20 || ascii == 0x7F ? 0 : 1
            } else {
                total += of(character)
            }
        }
        return total
    }

    /// `text` cut to at most `columns` columns, ending in `…` when it had to be cut; never splits a grapheme,
    /// so a wide character that does not fit is left out whole (the result may then be one column short).
    public static func cut(_ text: String, to columns: Int, ellipsis: String = "…") -> String {
        guard columns > 0 else { return "" }
        guard of(text) > columns else { return text }
        let room = columns - of(ellipsis)
        guard room >= 0 else { return prefix(text, columns: columns) }
        return prefix(text, columns: room) + ellipsis
    }

    /// The longest prefix of `text` that fits in `columns` columns.
    public static func prefix(_ text: String, columns: Int) -> String {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let width = of(text[index])
            if used + width > columns { break }
            used += width
            end = text.index(after: index)
        }
        return String(text[..<end])
    }

    /// `text` padded with spaces to `columns` columns, on the right (`leading: false`) or the left.
    public static func pad(_ text: String, to columns: Int, leading: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, columns - of(text)))
        return leading ? padding + text : text + padding
    }

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        if (0x1160...0x11FF).contains(scalar.value) { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }
}
