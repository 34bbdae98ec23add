import Workload

extension HeaderView {
    /// Row 0 while the monitor cannot reach the server: the target, then why and since when in the error colour.
    /// The outage outranks the target, which gives way (cut with an ellipsis, down to `targetFloor` columns) to the
    /// longest message that fits. False when the server is reachable: the caller draws the version instead.
    static func drawUnreachable(into frame: inout Frame, data: DashboardData, x: Int, rightStart: Int, glyphs: Glyphs) -> Bool {
        drawUnreachable(into: &frame, reachability: data.server.reachability, now: data.pool.uptime, target: data.target, x: x,
                        rightStart: rightStart, glyphs: glyphs)
    }

    /// The same for any screen: `now` is on `reachability`'s timeline.
    static func drawUnreachable(into frame: inout Frame, reachability: ServerReachability, now: Duration, target: String, x: Int,
                                rightStart: Int, glyphs: Glyphs) -> Bool {
        guard let variants = ReachabilityText.variants(reachability, now: now, glyphs: glyphs) else {
            return false
        }
        let room = max(0, rightStart - x - 1)
        let target = " " + target
        let floor = min(target.count, targetFloor)
        let message = variants.first { floor + 1 + $0.count <= room } ?? variants.last ?? ""
        let targetWidth = min(target.count, max(0, room - message.count - 1))
        let shown = targetWidth < target.count ? Format.fit(target, targetWidth, ellipsis: glyphs.ellipsis) : target
        let written = frame.put(shown, x: x, y: 0, role: .text, limit: targetWidth)
        frame.put(" " + message, x: x + written, y: 0, role: .error, limit: max(0, rightStart - x - written - 1))
        return true
    }

    static let targetFloor = 16
}
