/// What bench would have printed for the runs of a recording: each run's totals (bench's own report when the run
/// ended, else its last second) with the timeline of its measured seconds.
public enum RecordingSummary {
    /// One report per run, in run order; none for a recording with no second in it.
    public static func reports(_ recording: Recording) -> [BenchReport] {
        var runs: [Int: RunLines] = [:]
        var order: [Int] = []
        for line in recording.lines {
            switch line {
            case .phase(let phase):
                if runs[phase.run] == nil { order.append(phase.run) }
                runs[phase.run, default: RunLines()].phase = phase.phase
                if phase.phase == .measuring { runs[phase.run]?.timeline = [] }
            case .second(let second):
                let run = second.run ?? 1
                if runs[run] == nil { order.append(run) }
                runs[run, default: RunLines()].include(second)
            case .header, .event:
                break
            }
        }
        return order.compactMap { runs[$0]?.report }
    }

    private struct RunLines {
        var phase: RecordedPhase.Phase?
        var last: RecordedSecond?
        var timeline: [BenchReport.TimelineEntry] = []

        mutating func include(_ second: RecordedSecond) {
            // A run's last line (bench's own measurement) is kept over any later one of the same run.
            if last?.final != true { last = second }
            if phase != .warmUp {
                timeline += second.samples.map { BenchReport.TimelineEntry($0.sample) }
            }
        }

        var report: BenchReport? {
            guard var report = last?.totals else { return nil }
            report.timeline = timeline
            return report
        }
    }
}
