import Foundation

/// What every screen's UI thread does the same way: opens the terminal (restored on every way out), applies the
/// theme and cycles it on `t`, paints a frame at the refresh rate and reads keys until the next, redraws after a
/// resize, Ctrl-L or Ctrl-Z (`fg`), and clears a status once it has stood `statusShown`. What a screen shows and
/// what its keys do is its `ScreenLoop`'s.
enum ScreenRunner {
    static let statusShown = Duration.seconds(6)

    /// The time between frames at `fps` frames per second (also how often data is collected).
    static func interval(fps: Double) -> Duration { .milliseconds(Int(1000 / max(0.1, fps))) }

    /// Runs `loop` until it asks to quit or the terminal is restored from elsewhere; returns the theme warnings.
    static func run(_ loop: inout some ScreenLoop, options: InspectorOptions) throws(InspectorError) -> [String] {
        let screen = try CursesScreen()
        defer { TerminalGuard.restore() }
        var themes = ThemeCycle(options: options)
        var warnings: [String] = []
        loop.change { state in
            state.refreshRate = options.refreshRate
            state.glyphs = Glyphs(ascii: options.ascii, chartStyle: options.chartStyle)
            warnings = themes.apply(themes.initial, to: screen, display: &state)
        }
        loop.opened()
        let clock = ContinuousClock()
        var status: (text: String?, since: ContinuousClock.Instant) = (nil, clock.now)

        while !loop.quitRequested, !TerminalGuard.restoreRequested, TerminalGuard.isActive {
            var interval = Duration.zero
            loop.change { state in
                if state.status != status.text { status = (state.status, clock.now) }
                if state.status != nil, clock.now - status.since > statusShown { state.status = nil }
                interval = Self.interval(fps: state.refreshRate)
            }
            screen.paint(loop.nextFrame(size: screen.size))
            let deadline = clock.now + interval
            var handled = false
            while !handled, !loop.quitRequested, !TerminalGuard.restoreRequested {
                let remaining = deadline - clock.now
                guard remaining > .zero else { break }
                guard var input = screen.read(timeoutMilliseconds: min(100, max(1, Int(remaining.milliseconds)))) else { continue }
                handled = true
                // Everything already typed (a paste, held arrows) before the next frame.
                while true {
                    switch input {
                    case .resize, .redraw:
                        screen.invalidate()
                    case .suspend:
                        screen.suspend()
                        screen.invalidate()
                    case .quitSignal:
                        screen.quitAsTerminalWould()
                    case .key(let key):
                        for effect in loop.handle(key, size: screen.size) {
                            guard effect == .nextTheme else {
                                loop.carryOut(effect)
                                continue
                            }
                            loop.change { warnings += themes.apply(themes.next(), to: screen, display: &$0) }
                        }
                    }
                    guard !loop.quitRequested, let more = screen.read(timeoutMilliseconds: 0) else { break }
                    input = more
                }
            }
        }
        return warnings
    }

    /// Theme warnings, once the terminal is restored.
    static func report(_ warnings: [String]) {
        for warning in warnings { FileHandle.standardError.write(Data(("pooltop: " + warning + "\n").utf8)) }
    }
}

/// The display settings the runner keeps in a screen's state.
protocol ScreenDisplay {
    var refreshRate: Double { get set }
    var glyphs: Glyphs { get set }
    var themeName: String { get set }
    /// A short message for the footer.
    var status: String? { get set }
}

/// One screen as `ScreenRunner` drives it on the UI thread: its state, its frames, what its keys do.
protocol ScreenLoop {
    associatedtype State: ScreenDisplay
    /// The user, a stop or a signal asked to quit.
    var quitRequested: Bool { get }
    /// Changes the state where the screen keeps it (the runner sets the theme, the rate and the glyphs, and clears
    /// an old status).
    mutating func change(_ body: (inout State) -> Void)
    /// Once the terminal is open and the theme applied, before the first frame.
    mutating func opened()
    /// Takes in what arrived since the last frame and draws the next.
    mutating func nextFrame(size: Size) -> Frame
    /// What a key does; the runner carries out `.nextTheme`, `carryOut` the rest.
    mutating func handle(_ key: Key, size: Size) -> [Effect]
    mutating func carryOut(_ effect: Effect)
}

extension ScreenLoop {
    mutating func opened() {}
}

extension ViewState: ScreenDisplay {}
extension WatchViewState: ScreenDisplay {}
