/// A recording read back: its header, the lines after it in file order, and where it was damaged, if it was.
public struct Recording: Sendable, Equatable {
    public var header: RecordingHeader
    public var lines: [RecordLine]
    public var damage: RecordingDamage?

    public init(header: RecordingHeader, lines: [RecordLine] = [], damage: RecordingDamage? = nil) {
        self.header = header
        self.lines = lines
        self.damage = damage
    }

    public var seconds: [RecordedSecond] {
        lines.compactMap { if case .second(let second) = $0 { second } else { nil } }
    }

    public var events: [RecordedEvent] {
        lines.compactMap { if case .event(let event) = $0 { event } else { nil } }
    }

    public var phases: [RecordedPhase] {
        lines.compactMap { if case .phase(let phase) = $0 { phase } else { nil } }
    }

    /// From the start to the last line's time.
    public var length: Double {
        lines.reduce(0) { longest, line in
            switch line {
            case .second(let second): max(longest, second.t)
            case .event(let event): max(longest, event.t)
            case .phase(let phase): max(longest, phase.t)
            case .header: longest
            }
        }
    }
}
