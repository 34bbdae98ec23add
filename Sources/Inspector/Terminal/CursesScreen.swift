import CCurses
import Glibc

/// The only code that talks to ncurses: opens the terminal, paints frames by difference, reads keys, restores.
/// Used from one thread only (the app's UI thread); `TerminalGuard` makes restoring safe from anywhere.
final class CursesScreen {
    private var previous: Frame?
    private var looks: [Role: (attributes: attr_t, pair: Int32)] = [:]
    private(set) var depth: ColorDepth = .none

    /// Enters curses mode. Throws when there is no usable terminal.
    init() throws(InspectorError) {
        guard TerminalGuard.open() else { throw .noTerminal }
    }

    var size: Size { Size(width: Int(pt_cols()), height: Int(pt_lines())) }

    /// Sets up colour pairs for `theme` and repaints everything on the next frame.
    func apply(_ theme: Theme, environment: [String: String]) {
        depth = ColorDepth.detect(colors: Int(pt_colors()), environment: environment)
        let theme = depth == .none ? theme.withoutColour : theme
        looks = [:]
        for (index, role) in Role.allCases.enumerated() {
            let style = theme.style(for: role)
            var attributes = pt_a_normal()
            if style.bold { attributes |= pt_a_bold() }
            if style.reverse { attributes |= pt_a_reverse() }
            if style.dim { attributes |= pt_a_dim() }
            var pair: Int32 = 0
            if let foreground = ColorMapping.curses(style.foreground, depth: depth),
               let background = ColorMapping.curses(style.background, depth: depth),
               pt_init_pair(Int32(index + 1), Int32(foreground), Int32(background)) != pt_err() {
                pair = Int32(index + 1)
            }
            looks[role] = (attributes, pair)
        }
        invalidate()
    }

    /// Forgets what is on screen so the next paint redraws every cell (after resize, theme change, Ctrl-L).
    func invalidate() {
        previous = nil
        pt_clear()
    }

    /// Paints the cells that differ from the last frame, then refreshes (nothing is sent when nothing changed).
    func paint(_ frame: Frame) {
        let full = previous.map { $0.width != frame.width || $0.height != frame.height } ?? true
        if full, previous != nil { pt_clear() }
        var changed = false
        for y in 0..<frame.height {
            for x in 0..<frame.width {
                let cell = frame[x, y]
                if cell.width == 0 { continue }
                if !full, let previous, previous[x, y] == cell, cell.width == 1 || previous[x + 1, y] == frame[x + 1, y] {
                    continue
                }
                put(cell, y: y, x: x)
                changed = true
            }
        }
        previous = frame
        if changed || full { pt_refresh() }
    }

    /// One character; a grapheme of several scalars goes through setcchar, which holds at most CCHARW_MAX of them
    /// (a longer one is drawn as its first scalar).
    private func put(_ cell: Cell, y: Int, x: Int) {
        let look = looks[cell.role] ?? (pt_a_normal(), 0)
        var text = [wchar_t(bitPattern: cell.scalar.value)]
        text += cell.marks.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        guard text.count > 1, text.count <= Int(CCHARW_MAX) else {
            _ = pt_put_cell(Int32(y), Int32(x), text[0], look.attributes, look.pair)
            return
        }
        var character = cchar_t()
        var pair = look.pair
        text.append(0)
        guard setcchar(&character, text, look.attributes, Int16(truncatingIfNeeded: pair), &pair) != pt_err() else { return }
        _ = mvadd_wch(Int32(y), Int32(x), &character)
    }

    enum Input: Equatable {
        case key(Key)
        case resize
        case redraw
        /// Ctrl-Z: raw mode delivers it as a key (see `suspend()`).
        case suspend
        /// Ctrl-\: raw mode delivers it as a key (see `quitAsTerminalWould()`).
        case quitSignal
    }

    /// Stops the process group as Ctrl-Z would in a cooked terminal; returns after `fg` with the
    /// terminal back in the screen's mode (the caller redraws).
    func suspend() { pt_suspend() }

    /// Ctrl-\ does what a cooked terminal does with it, as in psql and htop: quit at once, no question asked.
    /// The terminal is restored first, then SIGQUIT goes to the foreground process group as the tty would send
    /// it; pooltop's handler cleans up (the embedded cluster stops) and exits 128 + 3. Should the signal be
    /// ignored, the screen's loop ends anyway: the terminal is no longer in curses mode.
    func quitAsTerminalWould() {
        TerminalGuard.raise(SIGQUIT)
    }

    /// The next key, waiting at most `timeoutMilliseconds` (0: only what is already typed).
    func read(timeoutMilliseconds: Int) -> Input? {
        var code: Int32 = 0
        switch pt_read_key(Int32(timeoutMilliseconds), &code) {
        case 1: return Self.decodeCharacter(code)
        case 2: return Self.decodeFunctionKey(code)
        default: return nil
        }
    }

    private static func decodeCharacter(_ code: Int32) -> Input? {
        switch code {
        case 27: return .key(.escape)
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 8, 127: return .key(.backspace)
        case 12: return .redraw
        case 26: return .suspend
        case 28: return .quitSignal
        case 1...26: return .key(.control(Character(Unicode.Scalar(UInt8(96 + code)))))
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(UInt32(code)) else { return nil }
            return .key(.character(Character(scalar)))
        }
    }

    private static func decodeFunctionKey(_ code: Int32) -> Input? {
        let table: [Int32: Key] = [
            pt_key_up(): .up, pt_key_down(): .down, pt_key_left(): .left, pt_key_right(): .right,
            pt_key_ppage(): .pageUp, pt_key_npage(): .pageDown, pt_key_home(): .home, pt_key_end(): .end,
            pt_key_btab(): .backTab, pt_key_backspace(): .backspace, pt_key_enter(): .enter, pt_key_dc(): .delete,
        ]
        if code == pt_key_resize() { return .resize }
        if let key = table[code] { return .key(key) }
        for n in 1...12 where pt_key_f(Int32(n)) == code { return .key(.function(n)) }
        return nil
    }

    deinit { TerminalGuard.restore() }
}
