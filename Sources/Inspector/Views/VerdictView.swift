import ConnectionPool
import Foundation
import Workload

/// Two lines under the gauges: Little's law (busy connections = q/s × query time), the share of time spent
/// waiting for a connection against running, and the verdict (`LoadVerdict`); the verdict alone when compact.
enum VerdictView {
    /// The monitor's own session, which is always on CPU while it reads pg_stat_activity.
    static let monitorApplication = "pooltop-monitor"

    static func draw(into frame: inout Frame, data: DashboardData, y: Int, compact: Bool) -> Int {
        let verdict = assess(data)
        var row = y
        if !compact {
            let limit = data.pool.configuration.maxConnections.map { " of \($0)" } ?? ""
            var x = frame.put("Little's law  ", x: 0, y: row, role: .header)
            x += frame.put("busy \(String(format1: verdict.busy))\(limit)", x: x, y: row, role: .text)
            x += frame.put(" = throughput × query time = \(Format.count(verdict.qps.rounded()))/s × \(Format.duration(verdict.queryTime))", x: x, y: row, role: .muted)
            let waiting = Int((verdict.waitShare * 100).rounded())
            x += frame.put("   waiting for a connection ", x: x, y: row, role: .muted)
            x += frame.put("\(waiting)%", x: x, y: row, role: waiting >= 50 ? .waiting : .text)
            x += frame.put(" / running \(100 - waiting)%", x: x, y: row, role: .muted)
            row += 1
        }
        let x = frame.put("Verdict       ", x: 0, y: row, role: .header)
        frame.put(verdict.text, x: x, y: row, role: role(verdict.kind))
        return row + 1
    }

    /// The verdict for one frame's data; the cores are this machine's (right for a local server).
    static func assess(_ data: DashboardData) -> LoadVerdict {
        let onCPU = data.server.unavailable == nil
            ? data.server.backends.filter { $0.state == "active" && $0.waitEvent == nil && $0.applicationName != monitorApplication }.count
            : nil
        return LoadVerdict.assess(samples: data.load.samples, onCPU: onCPU, cores: ProcessInfo.processInfo.activeProcessorCount)
    }

    private static func role(_ kind: LoadVerdict.Kind) -> Role {
        switch kind {
        case .idle: .muted
        case .poolBound: .waiting
        case .serverBound: .warning
        case .clientBound: .text
        }
    }
}
