/// The exposition in a stable order: metric families sorted by name, the series of a family sorted by their
/// labels. swift-prometheus 2.4.1 emits its registry from dictionaries (hash order, which changes from process to
/// process) and offers no ordering, so its text is reordered here. Pure: the lines are kept as emitted, only moved;
/// a histogram series' lines (its buckets, `_sum` and `_count`) stay together in their order.
enum ExpositionOrder {
    static func sorted(_ text: String) -> String {
        var families: [Family] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if let name = headerName(line) {
                if families.last?.name != name { families.append(Family(name: name)) }
                families[families.count - 1].header.append(line)
            } else {
                if families.isEmpty { families.append(Family(name: "")) }
                families[families.count - 1].add(line)
            }
        }
        let ordered = families.enumerated().sorted { ($0.element.name, $0.offset) < ($1.element.name, $1.offset) }.map(\.element)
        let lines = ordered.flatMap { family in family.header + family.seriesInOrder.flatMap(\.lines) }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// One metric: its `# HELP` and `# TYPE` lines, then its series.
    private struct Family {
        var name: String
        var header: [Substring] = []
        var series: [Series] = []

        /// A sample line, into the series its labels (less a histogram's `le`) name.
        mutating func add(_ line: Substring) {
            let key = seriesKey(line)
            if let index = series.firstIndex(where: { $0.key == key }) {
                series[index].lines.append(line)
            } else {
                series.append(Series(key: key, lines: [line]))
            }
        }

        var seriesInOrder: [Series] {
            series.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }.map(\.element)
        }
    }

    private struct Series {
        var key: String
        var lines: [Substring]
    }

    /// The metric a `# HELP name …` or `# TYPE name …` line is about; nil for a sample line.
    private static func headerName(_ line: Substring) -> String? {
        guard line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE ") else { return nil }
        return line.dropFirst(7).prefix { $0 != " " }.description
    }

    /// A sample line's labels, without `le`, in their order: `a="x",b="y"`; empty without labels.
    private static func seriesKey(_ line: Substring) -> String {
        guard let open = line.firstIndex(of: "{") else { return "" }
        var labels: [Substring] = []
        var start = line.index(after: open)
        var index = start
        var quoted = false
        var escaped = false
        while index < line.endIndex {
            let character = line[index]
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if !quoted && (character == "," || character == "}") {
                labels.append(line[start..<index])
                start = line.index(after: index)
                if character == "}" { break }
            }
            index = line.index(after: index)
        }
        return labels.filter { !$0.hasPrefix("le=") }.joined(separator: ",")
    }
}
