/// Makes arbitrary text (queries, application names, errors) safe for a single-width cell grid.
enum TextCleaner {
    /// Control characters become spaces, combining marks are dropped, double-width characters become `?`;
    /// in ASCII mode the micro sign becomes `u` (`850us`) and every other non-ASCII character `?`.
    static func scalars(_ text: String, asciiOnly: Bool) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if let clean = clean(scalar, asciiOnly: asciiOnly) { result.append(clean) }
        }
        return result
    }

    static func clean(_ scalar: Unicode.Scalar, asciiOnly: Bool) -> Unicode.Scalar? {
        let value = scalar.value
        if value < 0x20 || value == 0x7F || (0x80..<0xA0).contains(value) { return " " }
        if value < 0x7F { return scalar }
        if asciiOnly { return value == 0xB5 || value == 0x3BC ? "u" : "?" }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return nil
        default: break
        }
        return isWide(value) ? "?" : scalar
    }

    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
