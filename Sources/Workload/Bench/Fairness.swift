/// Jain's fairness index over per-worker counts: (Σx)² / (n·Σx²). 1 when every worker did the same,
/// 1/n when one did everything; 0 for no workers or no work.
public func jainFairness<C: Collection>(_ counts: C) -> Double where C.Element: BinaryInteger {
    var sum = 0.0
    var sumOfSquares = 0.0
    for count in counts {
        let value = Double(count)
        sum += value
        sumOfSquares += value * value
    }
    guard !counts.isEmpty, sumOfSquares > 0 else { return 0 }
    return sum * sum / (Double(counts.count) * sumOfSquares)
}
