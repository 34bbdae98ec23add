import Foundation

/// Finds the line of a `[section]` or of a `key = ...` inside it, since TOMLKit keeps no positions for values.
public struct LineLocator {
    private let lines: [Substring]

    public init(text: String) { lines = text.split(separator: "\n", omittingEmptySubsequences: false) }

    /// 1-based line of `key` in `[section]` (or of the section header when key is nil); 0 when not found.
    public func line(section: String, key: String?) -> Int {
        var current = ""
        var sectionLine = 0
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                current = line.dropFirst().prefix { $0 != "]" }.trimmingCharacters(in: .whitespaces)
                if current == section { sectionLine = index + 1 }
                continue
            }
            let name = assignedKey(line)
            if current.isEmpty, name == section || name.hasPrefix(section + "."), key == nil || name == section + "." + key! || line.contains(key!) {
                return index + 1
            }
            if current == section, let key, name == key { return index + 1 }
        }
        return sectionLine
    }

    /// The dotted key the error line belongs to (`section.key`, or the section), for syntax errors.
    public func key(onLine number: Int) -> String {
        guard number > 0, number <= lines.count else { return "" }
        var section = ""
        for raw in lines.prefix(number) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") { section = line.dropFirst().prefix { $0 != "]" }.trimmingCharacters(in: .whitespaces) }
        }
        let name = assignedKey(lines[number - 1].trimmingCharacters(in: .whitespaces))
        if name.isEmpty { return section }
        return section.isEmpty ? name : section + "." + name
    }

    private func assignedKey(_ line: String) -> String {
        guard !line.hasPrefix("#"), !line.hasPrefix("["), let equals = line.firstIndex(of: "=") else { return "" }
        return line[..<equals].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
    }
}
