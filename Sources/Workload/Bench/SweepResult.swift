import Foundation
import ConnectionPool

/// Every run of a sweep and the recommendation per load, with its renderings: table, chart, CSV, JSON.
public struct SweepResult: Sendable, Equatable {
    public var reports: [BenchReport]
    public var maxP99: Duration
    /// One per load (distinct workers × max_overflow), in sweep order.
    public var recommendations: [Recommendation]

    public init(reports: [BenchReport], maxP99: Duration = .milliseconds(100)) {
        self.reports = reports
        self.maxP99 = maxP99
        recommendations = Self.groups(reports).compactMap { Recommendation.recommend($0, maxP99: maxP99) }
    }

    /// Runs grouped by load (workers, max_overflow), in first-seen order.
    static func groups(_ reports: [BenchReport]) -> [[BenchReport]] {
        var keys: [[Int]] = []
        var groups: [[Int]: [BenchReport]] = [:]
        for report in reports {
            let key = [report.workers, report.maxOverflow]
            if groups[key] == nil { keys.append(key) }
            groups[key, default: []].append(report)
        }
        return keys.map { groups[$0]! }
    }

    private func isRecommended(_ report: BenchReport) -> Bool {
        recommendation(for: report)?.poolSize == report.poolSize
    }

    private func recommendation(for report: BenchReport) -> Recommendation? {
        recommendations.first { $0.workers == report.workers && $0.maxOverflow == report.maxOverflow }
    }

    /// "◀ recommended", "plateau" or nothing, for one size of one load.
    private func mark(_ report: BenchReport) -> String {
        guard let recommendation = recommendation(for: report) else { return "" }
        if recommendation.poolSize == report.poolSize { return "◀ recommended" }
        let onPlateau = (recommendation.plateauLow...recommendation.plateauHigh).contains(report.poolSize)
        return onPlateau ? "plateau" : ""
    }

    /// Each load's runs grouped by pool size, smallest first.
    private var sizeGroups: [[BenchReport]] {
        Self.groups(reports).flatMap { load in
            Dictionary(grouping: load, by: \.poolSize).sorted { $0.key < $1.key }.map(\.value)
        }
    }

    // MARK: Table

    /// An aligned text table, one row per load and size (medians over its runs, the range of throughput, the worst
    /// p99 wait), the recommended rows marked, then the reasoning.
    public var table: String {
        let headers = ["pool_size", "max_overflow", "workers", "runs", "qps", "qps range", "query ms", "busy", "p50 ms",
                       "p99 ms", "errors", "timeouts", "server conns", "fairness", ""]
        let f = BenchReport.format
        let rows = sizeGroups.map { runs -> [String] in
            let first = runs[0]
            let summary = SweepCurve(runs).sizes[0]
            return [String(first.poolSize), String(first.maxOverflow), String(first.workers), String(runs.count),
                    f(summary.qps), "\(f(summary.qpsLow))–\(f(summary.qpsHigh))", f(summary.queryMeanMs), f(summary.busyConnections),
                    f(SweepCurve.median(runs.map(\.waitP50Ms))), f(summary.waitP99Ms), String(summary.errors),
                    String(summary.timeouts), String(runs.map(\.peakOpen).max() ?? 0),
                    DecimalNotation.fixed(runs.map(\.fairness).min() ?? 1, digits: 3), mark(first)]
        }
        var widths = headers.map(\.count)
        for row in rows { for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                column == cells.count - 1 ? cell : String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var lines = [line(headers)]
        lines += rows.map(line)
        lines.append("")
        lines += recommendationLines
        return lines.joined(separator: "\n")
    }

    private var recommendationLines: [String] {
        recommendations.map { recommendation in
            let load = recommendations.count > 1 ? "[\(recommendation.workers) workers, max_overflow \(recommendation.maxOverflow)] " : ""
            return load + recommendation.explanation
        }
    }

    // MARK: Chart

    /// Bars of median throughput and of p50/p99 check-out wait per pool size, with the query time and the
    /// connections busy (Little's law); `width` is the terminal width to fill.
    public func chart(width: Int = 80) -> String {
        var lines: [String] = []
        let curves = sizeGroups.map { SweepCurve($0).sizes[0] }
        let bestQPS = max(curves.map(\.qps).max() ?? 0, 1e-9)
        let worstP99 = max(reports.map(\.waitP99Ms).max() ?? 0, 1e-9)
        let qpsWidth = max(10, (width - 56) * 3 / 5)
        let waitWidth = max(8, (width - 56) * 2 / 5)
        var previous: [Int]?
        for runs in sizeGroups {
            let first = runs[0]
            if previous != [first.workers, first.maxOverflow] {
                if previous != nil { lines.append("") }
                previous = [first.workers, first.maxOverflow]
                lines.append("workers \(first.workers), max_overflow \(first.maxOverflow): median qps █, check-out wait p50 █ / p99 ░ (ms)")
            }
            let summary = SweepCurve(runs).sizes[0]
            let size = String(first.poolSize).leftPadded(to: 5)
            let qpsBar = Self.bar(summary.qps / bestQPS, width: qpsWidth)
            let qpsText = BenchReport.format(summary.qps).leftPadded(to: 9)
            let waitP50 = SweepCurve.median(runs.map(\.waitP50Ms))
            let waitBar = Self.waitBar(p50: waitP50 / worstP99, p99: summary.waitP99Ms / worstP99, width: waitWidth)
            let waitText = "\(BenchReport.format(waitP50))/\(BenchReport.format(summary.waitP99Ms))".leftPadded(to: 13)
            let marked = mark(first)
            let tail = marked.isEmpty ? "" : " " + (marked == "plateau" ? "┆" : "◀")
            lines.append("\(size) │\(qpsBar)\(qpsText) │\(waitBar)\(waitText)  query \(BenchReport.format(summary.queryMeanMs)) ms busy \(BenchReport.format(summary.busyConnections))\(tail)")
        }
        return lines.joined(separator: "\n")
    }

    private static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// A horizontal bar `fraction` (0…1) of `width` cells, to an eighth of a cell, padded to `width`.
    static func bar(_ fraction: Double, width: Int) -> String {
        let eighthsTotal = Int((max(0, min(1, fraction.isFinite ? fraction : 0)) * Double(width * 8)).rounded())
        let full = eighthsTotal / 8
        let partial = eighths[eighthsTotal % 8]
        let text = String(repeating: "█", count: full) + partial
        return text + String(repeating: " ", count: max(0, width - full - (partial.isEmpty ? 0 : 1)))
    }

    static func waitBar(p50: Double, p99: Double, width: Int) -> String {
        let solid = Int((max(0, min(1, p50)) * Double(width)).rounded())
        let total = max(solid, Int((max(0, min(1, p99)) * Double(width)).rounded()))
        return String(repeating: "█", count: solid) + String(repeating: "░", count: total - solid)
            + String(repeating: " ", count: width - total)
    }

    // MARK: CSV and JSON

    public static let csvColumns = [
        "pool_size", "max_overflow", "workers", "query", "seconds", "queries", "qps", "errors", "timeouts", "wait_p50_ms",
        "wait_p99_ms", "wait_max_ms", "wait_mean_ms", "fairness", "connections_opened", "peak_in_use", "peak_overflow",
        "peak_open", "query_mean_ms", "recommended",
    ]

    public var csv: String {
        var lines = [Self.csvColumns.joined(separator: ",")]
        for report in reports {
            let fields: [String] = [
                String(report.poolSize), String(report.maxOverflow), String(report.workers), Self.csvQuoted(report.query),
                "\(report.seconds)", String(report.queries), "\(report.qps)", String(report.errors), String(report.timeouts),
                "\(report.waitP50Ms)", "\(report.waitP99Ms)", "\(report.waitMaxMs)", "\(report.waitMeanMs)",
                "\(report.fairness)", String(report.connectionsOpened), String(report.peakInUse), String(report.peakOverflow),
                String(report.peakOpen), "\(report.queryMeanMs)", isRecommended(report) ? "true" : "false",
            ]
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n")
    }

    private static func csvQuoted(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private struct JSONForm: Encodable {
        var runs: [BenchReport]
        var recommendations: [Recommendation]
        var maxP99Ms: Double
        enum CodingKeys: String, CodingKey {
            case runs, recommendations
            case maxP99Ms = "max_p99_ms"
        }
    }

    /// One JSON object: `runs` (bench reports), `recommendations`, `max_p99_ms`; keys sorted.
    public func json(pretty: Bool = false) -> String {
        let form = JSONForm(runs: reports, recommendations: recommendations, maxP99Ms: BenchReport.milliseconds(maxP99))
        return String(decoding: BenchReport.encode(form, pretty: pretty), as: UTF8.self)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }

    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
