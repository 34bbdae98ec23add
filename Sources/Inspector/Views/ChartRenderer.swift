/// Draws time series into a rectangle of cells: braille (two samples a cell, 4 dots a row), blocks, or ASCII.
/// Series are drawn back to front as filled areas; a cell takes the role of the front-most series that reaches it.
struct ChartRenderer {
    struct Series {
        var values: [Double]
        var role: Role
    }

    var style: ChartStyle

    /// Samples one cell column holds.
    var samplesPerColumn: Int { style == .braille ? 2 : 1 }

    /// Draws `series` (oldest first, the newest at the right edge) scaled to `maximum`.
    func draw(_ series: [Series], maximum: Double, into frame: inout Frame, x: Int, y: Int, width: Int, height: Int) {
        guard width > 0, height > 0, maximum > 0 else { return }
        let per = samplesPerColumn
        let capacity = width * per
        for (layer, item) in series.enumerated() {
            let values = Array(item.values.suffix(capacity))
            let offset = capacity - values.count
            for column in 0..<width {
                for row in 0..<height {
                    let cellBottom = Double(height - 1 - row)
                    var dots: UInt32 = 0
                    var covered = false
                    var fill = 0.0
                    for sub in 0..<per {
                        let index = column * per + sub - offset
                        guard index >= 0, index < values.count else { continue }
                        let level = max(0, min(1, values[index] / maximum)) * Double(height)
                        let inCell = max(0, min(1, level - cellBottom))
                        fill = max(fill, inCell)
                        if style == .braille {
                            let count = Int((inCell * 4).rounded())
                            if count > 0 { covered = true }
                            dots |= brailleDots(column: sub, count: count)
                        } else if inCell >= (style == .ascii ? 0.5 : 0.0625) {
                            covered = true
                        }
                    }
                    guard covered else { continue }
                    let scalar: Unicode.Scalar
                    switch style {
                    case .braille:
                        let existing = frame[x + column, y + row].scalar.value
                        let previous: UInt32 = (0x2800...0x28FF).contains(existing) ? existing - 0x2800 : 0
                        scalar = Unicode.Scalar(0x2800 + (dots | previous)) ?? " "
                    case .blocks:
                        scalar = series.count == 1 ? eighthBlock(fill) : shade(layer)
                    case .ascii:
                        scalar = asciiFill(layer)
                    }
                    frame[x + column, y + row] = Cell(scalar, role: item.role)
                }
            }
        }
    }

    /// Braille dots filling `count` of the 4 rows from the bottom, in the left (0) or right (1) dot column.
    private func brailleDots(column: Int, count: Int) -> UInt32 {
        let left: [UInt32] = [0x40, 0x04, 0x02, 0x01]
        let right: [UInt32] = [0x80, 0x20, 0x10, 0x08]
        let bits = column == 0 ? left : right
        return bits.prefix(max(0, min(4, count))).reduce(0, |)
    }

    private func eighthBlock(_ fill: Double) -> Unicode.Scalar {
        let blocks: [Unicode.Scalar] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        return blocks[max(0, min(7, Int((fill * 8).rounded(.up)) - 1))]
    }

    /// In monochrome each series still gets its own character.
    private func shade(_ layer: Int) -> Unicode.Scalar { (["░", "▒", "▓", "█"] as [Unicode.Scalar])[min(3, layer)] }
    private func asciiFill(_ layer: Int) -> Unicode.Scalar { (["#", "+", ":", "."] as [Unicode.Scalar])[min(3, layer)] }
}
