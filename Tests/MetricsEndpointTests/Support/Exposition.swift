/// The Prometheus text format read back, for checking what an endpoint served: one entry per sample line.
struct Exposition {
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    var samples: [Sample] = []

    /// Parses `text` (# lines skipped); a line it cannot read is recorded as a sample named "<unreadable>".
    init(_ text: String) {
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " ") else {
                samples.append(Sample(name: "<unreadable>", labels: ["line": String(line)], value: .nan))
                continue
            }
            let series = line[..<space]
            let value = Double(line[line.index(after: space)...]) ?? .nan
            guard let brace = series.firstIndex(of: "{") else {
                samples.append(Sample(name: String(series), labels: [:], value: value))
                continue
            }
            var labels: [String: String] = [:]
            let body = series[series.index(after: brace)..<(series.lastIndex(of: "}") ?? series.endIndex)]
            for pair in body.split(separator: ",") {
                guard let equals = pair.firstIndex(of: "=") else { continue }
                labels[String(pair[..<equals])] = String(pair[pair.index(after: equals)...].dropFirst().dropLast())
            }
            samples.append(Sample(name: String(series[..<brace]), labels: labels, value: value))
        }
    }

    /// The values of `name` whose labels include `labels`.
    func values(_ name: String, _ labels: [String: String] = [:]) -> [Double] {
        samples.filter { sample in
            sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }.map(\.value)
    }

    /// The one value of `name` with `labels`, nil when there is none or more than one.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        let found = values(name, labels)
        return found.count == 1 ? found[0] : nil
    }

    var names: Set<String> { Set(samples.map(\.name)) }
}
