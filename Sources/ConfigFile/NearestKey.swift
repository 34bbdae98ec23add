/// The known key a mistyped one most likely meant: the smallest edit distance over the whole dotted path, or
/// over the name alone (so `pool_size` at the top level suggests `pool.pool_size`); none when nothing is close.
enum NearestKey {
    static func suggestion(for path: String, among candidates: [String]) -> String? {
        let name = path.split(separator: ".").last.map(String.init) ?? path
        let scored = candidates.map { candidate -> (String, Int) in
            let candidateName = candidate.split(separator: ".").last.map(String.init) ?? candidate
            return (candidate, min(distance(path, candidate), distance(name, candidateName)))
        }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, name.count / 3) ? best.0 : nil
    }

    /// Levenshtein distance (insertions, deletions and substitutions each cost one).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
