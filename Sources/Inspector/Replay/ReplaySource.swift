import ConnectionPool
import LibPQ
import Synchronization
import Workload

/// The screen's source over a recording (`pooltop replay FILE`): the dashboard as it was, at the position of a
/// `ReplayClock` the replay keys move. Nothing can be changed in the past: knobs, load and console say so.
public final class ReplaySource: InspectorSource {
    private let timeline: ReplayTimeline
    private let damage: String?
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private let replay: Mutex<ReplayClock>

    public init(recording: Recording) {
        timeline = ReplayTimeline(recording)
        damage = recording.damage?.description
        start = clock.now
        replay = Mutex(ReplayClock(length: timeline.length, now: .zero))
    }

    private var now: Duration { clock.now - start }

    public func collect() async -> DashboardData {
        let now = now
        let (position, status) = replay.withLock { ($0.position(at: now), $0.status(at: now, damage: damage)) }
        return timeline.data(at: position, replay: status)
    }

    public func control(_ control: ReplayControl) async -> String? {
        let now = now
        return replay.withLock { clock in
            switch control {
            case .togglePause:
                clock.togglePause(at: now)
                return clock.paused ? "replay paused" : "replay playing"
            case .seek(let offset): clock.seek(by: offset, at: now)
            case .seekToStart: clock.seek(to: .zero, at: now)
            case .seekToEnd: clock.seek(to: clock.length, at: now)
            case .faster, .slower:
                guard clock.changeSpeed(faster: control == .faster, at: now) else { return "speed \(ReplayStatus.speedLabel(clock.speed)) is the limit" }
                return "speed \(ReplayStatus.speedLabel(clock.speed))"
            }
            return "at \(ReplayStatus.clock(clock.position(at: now)))"
        }
    }

    public func perform(_ command: Command) async -> String? { Self.refusal(command) }

    public func runConsole(_ statement: String) async -> ConsoleReply {
        ConsoleReply(statement: statement, ending: .failed(ServerMessage(severity: "NOTE", message: Self.noConsole)))
    }

    public func cancelConsole() {}

    public func endConsoleSession() async {}

    static let noConsole = "the SQL console is not available in a replay"

    /// The one line a command gets in a replay.
    static func refusal(_ command: Command) -> String {
        switch command {
        case .changePoolSize, .setPoolSize, .changeMaxOverflow, .changeCheckoutTimeout, .nextPreset, .setPreset:
            return "knob changes are not available in a replay"
        case .setKnob(.load, _):
            return "load control is not available in a replay"
        case .setKnob:
            return "knob changes are not available in a replay"
        case .changeWorkers, .setWorkers, .setLoadPaused, .changeThinkTime, .setThinkTime:
            return "load control is not available in a replay"
        case .runSQL: return noConsole
        case .terminateBackend: return "terminating a backend is not available in a replay"
        }
    }
}
