/// Makes arbitrary text (queries, application names, errors) safe for the cell grid, measured by `DisplayWidth`.
enum TextCleaner {
    /// One cell per grapheme: control characters become spaces (one per scalar), zero-width graphemes are dropped,
    /// wide ones get `width == 2`; in ASCII mode the micro sign becomes `u` (`850us`) and every other
    /// non-ASCII grapheme `?`.
    static func cells(_ text: String, role: Role, asciiOnly: Bool) -> [Cell] {
        var result: [Cell] = []
        result.reserveCapacity(text.utf8.count)
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in text.utf8 { result.append(Cell(byte < 0x20 || byte == 0x7F ? " " : Unicode.Scalar(byte), role: role)) }
            return result
        }
        for character in text { append(character, role: role, asciiOnly: asciiOnly, to: &result) }
        return result
    }

    private static func append(_ character: Character, role: Role, asciiOnly: Bool, to result: inout [Cell]) {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return }
        if isControl(first.value) {
            result.append(contentsOf: repeatElement(Cell(" ", role: role), count: scalars.count))
            return
        }
        if first.isASCII, scalars.count == 1 { return result.append(Cell(first, role: role)) }
        if asciiOnly { return result.append(Cell(first.value == 0xB5 || first.value == 0x3BC ? "u" : "?", role: role)) }
        let width = DisplayWidth.of(character)
        guard width > 0 else { return }
        var marks = String.UnicodeScalarView()
        marks.append(contentsOf: scalars.dropFirst())
        result.append(Cell(first, role: role, width: UInt8(width), marks: String(marks)))
    }

    private static func isControl(_ value: UInt32) -> Bool { value < 0x20 || value == 0x7F || (0x80..<0xA0).contains(value) }
}
