/// The settings compiled for the workers' hot loop: statements prepared once, weights cumulated.
/// Immutable; a settings change installs a new plan with the next generation.
final class LoadPlan: Sendable {
    let generation: UInt64
    let settings: LoadSettings
    let queries: [PreparedQuery]
    private let cumulativeWeights: [Double]
    private let totalWeight: Double

    init(generation: UInt64, settings: LoadSettings, readWriteTable: String) {
        self.generation = generation
        self.settings = settings
        let entries = settings.mix.entries.filter { $0.weight > 0 }
        let usable = entries.isEmpty ? QueryMix.selectOne.entries : entries
        queries = usable.map { PreparedQuery($0.query, readWriteTable: readWriteTable) }
        var running = 0.0
        cumulativeWeights = usable.map { entry in
            running += entry.weight
            return running
        }
        totalWeight = running
    }

    var isOpenLoop: Bool { (settings.arrivalRate ?? 0) > 0 }

    /// Draws one statement by weight.
    func pick(_ random: inout FastRandom) -> PreparedQuery {
        if queries.count == 1 { return queries[0] }
        let target = random.nextUnit() * totalWeight
        for index in cumulativeWeights.indices where target < cumulativeWeights[index] {
            return queries[index]
        }
        return queries[queries.count - 1]
    }
}

/// One mix entry, ready to run: the SQL built once, the text the pool shows as the holder's activity.
struct PreparedQuery: Sendable {
    enum Operation: Sendable {
        case none
        case statement(String)
        case sleepRandom(minimumSeconds: Double, maximumSeconds: Double)
        /// A transaction on the load's `ReadWriteTable`.
        case readWrite
    }

    let kind: QueryKind
    let operation: Operation
    /// What `reportActivity` shows; nil for `.none`.
    let activity: String?

    init(_ kind: QueryKind, readWriteTable: String) {
        self.kind = kind
        switch kind {
        case .selectOne, .sleep, .custom:
            let sql = kind.sql ?? ""
            operation = .statement(sql)
            activity = sql
        case .sleepRandom(let min, let max):
            operation = .sleepRandom(minimumSeconds: min.seconds, maximumSeconds: max.seconds)
            activity = kind.sql
        case .readWrite:
            operation = .readWrite
            activity = "UPDATE \(readWriteTable) SET n = n + 1 WHERE id = $1 (in a transaction)"
        case .none:
            operation = .none
            activity = nil
        }
    }
}

/// A small, fast generator (SplitMix64) each worker owns: no lock, no allocation per draw.
struct FastRandom: Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in 1...upperBound.
    mutating func nextIndex(upTo upperBound: Int) -> Int {
        Int(next() % UInt64(upperBound)) + 1
    }
}
