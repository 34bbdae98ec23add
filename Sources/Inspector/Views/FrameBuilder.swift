/// Builds the whole screen as a grid of cells from data and view state. Pure: same inputs, same frame.
public enum FrameBuilder {
    /// Below this size only the "terminal too small" line is drawn.
    public static let minimumSize = Size(width: 60, height: 15)

    /// Whether the compact layout (for 80x24 and the like) is used.
    public static func isCompact(_ size: Size) -> Bool { size.width < 110 || size.height < 34 }

    public static func build(data: DashboardData?, state: ViewState, size: Size) -> Frame {
        var frame = Frame(width: size.width, height: size.height, asciiOnly: state.glyphs.ascii)
        guard size.width >= minimumSize.width, size.height >= minimumSize.height else {
            drawTooSmall(into: &frame, glyphs: state.glyphs)
            return frame
        }
        let context = ViewContext(state: state, size: size)
        HeaderView.draw(into: &frame, data: data, context: context)
        if let data {
            switch state.view {
            case .dashboard: DashboardView.draw(into: &frame, data: data, context: context)
            case .connections, .workers, .server: TableView.draw(into: &frame, data: data, context: context)
            case .console: ConsoleView.draw(into: &frame, context: context)
            case .pgbouncer: PgBouncerView.draw(into: &frame, data: data, context: context)
            }
        } else {
            frame.put("collecting data" + state.glyphs.ellipsis, x: 1, y: 4, role: .muted)
        }
        FooterView.draw(into: &frame, context: context)
        if state.knobs != nil { KnobsOverlay.draw(into: &frame, data: data, context: context) }
        if state.showHelp { HelpOverlay.draw(into: &frame, context: context) }
        return frame
    }

    /// The "terminal too small" notice, wrapped to the width: what any screen draws below `minimumSize`.
    static func drawTooSmall(into frame: inout Frame, glyphs: Glyphs) {
        guard frame.height > 0 else { return }
        let times = glyphs.times
        let message = "terminal too small: \(frame.width)\(times)\(frame.height), need \(minimumSize.width)\(times)\(minimumSize.height)"
        var row = 0
        var line = ""
        for word in (message + " | q to quit").split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > frame.width {
                frame.put(line, x: 0, y: row, role: .warning)
                row += 1
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        frame.put(line, x: 0, y: row, role: .warning)
    }
}

/// What every view needs besides data: the state, the size and the layout flavour.
struct ViewContext {
    var state: ViewState
    var size: Size
    var compact: Bool { FrameBuilder.isCompact(size) }
    var glyphs: Glyphs { state.glyphs }
    /// First and last rows between the header and the footer.
    var bodyTop: Int { ScreenLayout.bodyTop }
    var bodyBottom: Int { size.height - 2 }
}
