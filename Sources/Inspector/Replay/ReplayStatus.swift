/// Where a replay is, for the header: "REPLAY 00:12/01:40 2x".
public struct ReplayStatus: Sendable, Equatable {
    public var position: Duration
    public var length: Duration
    public var speed: Double
    public var paused: Bool
    /// Where the file stopped being readable, if it did.
    public var damage: String?

    public init(position: Duration, length: Duration, speed: Double, paused: Bool, damage: String? = nil) {
        self.position = position
        self.length = length
        self.speed = speed
        self.paused = paused
        self.damage = damage
    }

    /// "REPLAY 00:12/01:40 2x", with "PAUSED" or "END" after it when so.
    public var label: String {
        var text = "REPLAY \(Self.clock(position))/\(Self.clock(length)) \(Self.speedLabel(speed))"
        if paused { text += " PAUSED" } else if position >= length { text += " END" }
        return text
    }

    /// mm:ss, or h:mm:ss from an hour on.
    static func clock(_ duration: Duration) -> String {
        let total = max(0, Int(duration.seconds))
        let minutes = Format.pad2((total / 60) % 60) + ":" + Format.pad2(total % 60)
        return total >= 3600 ? "\(total / 3600):" + minutes : minutes
    }

    /// "0.25x", "0.5x", "1x", "16x".
    static func speedLabel(_ speed: Double) -> String {
        (speed == speed.rounded() ? "\(Int(speed))" : "\(speed)") + "x"
    }
}
