/// How many colours the terminal shows.
public enum ColorDepth: Int, Sendable, Equatable, Comparable {
    case none = 0, eight = 8, sixteen = 16, palette256 = 256, truecolor = 16_777_216

    public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }

    /// The depth for a terminal that reports `colors` colours (curses' COLORS) under `environment`.
    public static func detect(colors: Int, environment: [String: String]) -> ColorDepth {
        if environment["NO_COLOR"].map({ !$0.isEmpty }) == true { return .none }
        if colors >= 16_777_216 { return .truecolor }
        if colors >= 256 { return .palette256 }
        if colors >= 16 { return .sixteen }
        if colors >= 8 { return .eight }
        return .none
    }
}

/// Maps theme colours to what the terminal can show: #rrggbb → nearest xterm-256 → nearest of 16 → of 8.
public enum ColorMapping {
    /// The curses colour number for `color` at `depth`; -1 is the terminal's default; nil without colour.
    public static func curses(_ color: TerminalColor, depth: ColorDepth) -> Int? {
        guard depth != .none else { return nil }
        switch color {
        case .terminalDefault: return -1
        case .rgb(let r, let g, let b):
            if depth == .truecolor { return Int(r) << 16 | Int(g) << 8 | Int(b) }
            return reduce(nearest256(r, g, b), to: depth)
        case .index(let index):
            if depth == .truecolor {
                let (r, g, b) = rgb(ofIndex: index)
                return Int(r) << 16 | Int(g) << 8 | Int(b)
            }
            return reduce(index, to: depth)
        }
    }

    static func reduce(_ index: Int, to depth: ColorDepth) -> Int {
        switch depth {
        case .truecolor, .palette256: index
        case .sixteen: nearest16(index)
        case .eight, .none: nearest16(index) % 8
        }
    }

    private static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The xterm-256 index nearest to an RGB colour (6×6×6 cube or the grey ramp).
    public static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        func level(_ v: UInt8) -> Int {
            cubeLevels.indices.min { abs(cubeLevels[$0] - Int(v)) < abs(cubeLevels[$1] - Int(v)) }!
        }
        let (ri, gi, bi) = (level(r), level(g), level(b))
        let cube = 16 + 36 * ri + 6 * gi + bi
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let greyStep = max(0, min(23, (average - 8 + 5) / 10))
        let grey = 232 + greyStep
        return distance(rgb(ofIndex: grey), (r, g, b)) < distance(rgb(ofIndex: cube), (r, g, b)) ? grey : cube
    }

    /// The basic 16-colour index nearest to an xterm-256 index (itself when below 16).
    public static func nearest16(_ index: Int) -> Int {
        if index < 16 { return max(0, index) }
        let target = rgb(ofIndex: index)
        return (0..<16).min { distance(rgb(ofIndex: $0), target) < distance(rgb(ofIndex: $1), target) }!
    }

    private static let basic: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The RGB value xterm shows for a palette index.
    public static func rgb(ofIndex index: Int) -> (UInt8, UInt8, UInt8) {
        switch index {
        case ..<16: return basic[max(0, index)]
        case 16..<232:
            let n = index - 16
            return (UInt8(cubeLevels[n / 36]), UInt8(cubeLevels[n / 6 % 6]), UInt8(cubeLevels[n % 6]))
        default:
            let level = UInt8(8 + 10 * (min(255, index) - 232))
            return (level, level, level)
        }
    }

    private static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let dr = Int(a.0) - Int(b.0), dg = Int(a.1) - Int(b.1), db = Int(a.2) - Int(b.2)
        return dr * dr + dg * dg + db * db
    }
}
