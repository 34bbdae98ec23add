import ConnectionPool

/// The pool as one cell per connection: core slots on one line, overflow slots on the next.
enum PoolCellsView {
    static func draw(into frame: inout Frame, pool: PoolSnapshot, y: Int, maxRows: Int, glyphs: Glyphs) -> Int {
        let config = pool.configuration
        let core = pool.slots.filter { $0.kind == .core }
        let overflow = pool.slots.filter { $0.kind == .overflow }
        let coreCapacity = max(config.poolSize, core.count)
        let overflowCapacity = config.maxOverflow < 0 ? overflow.count : max(config.maxOverflow, overflow.count)
        let overflowLimit = config.maxOverflow < 0 ? glyphs.infinity : "\(config.maxOverflow)"
        var row = y
        row = line("core", "\(core.count)/\(config.poolSize)", slots: core, capacity: coreCapacity, into: &frame, y: row, rows: max(1, maxRows / 2), glyphs: glyphs)
        row = line("overflow", "\(overflow.count)/\(overflowLimit)", slots: overflow, capacity: overflowCapacity, into: &frame, y: row, rows: max(1, maxRows / 2), glyphs: glyphs)
        return row
    }

    private static let labelWidth = 20

    private static func line(_ name: String, _ count: String, slots: [Slot], capacity: Int, into frame: inout Frame, y: Int, rows: Int, glyphs: Glyphs) -> Int {
        frame.put(name == "core" ? "Pool" : "", x: 0, y: y, role: .header)
        frame.put(Format.fit(name + " " + count, 15, ellipsis: glyphs.ellipsis), x: 5, y: y, role: .text)
        let perRow = max(1, (frame.width - labelWidth - 1) / 2)
        let shown = min(capacity, perRow * rows)
        var row = y
        for position in 0..<max(shown, 1) {
            row = y + position / perRow
            let x = labelWidth + (position % perRow) * 2
            guard position < shown else { break }
            if position < slots.count {
                let slot = slots[position]
                frame.put(glyphs.slot(slot.state, kind: slot.kind), x: x, y: row, role: Glyphs.role(slot.state, kind: slot.kind))
            } else {
                frame.put(glyphs.emptySlot, x: x, y: row, role: .muted)
            }
        }
        if capacity > shown, slots.count > shown {
            frame.putRight("+\(slots.count - shown) more", right: frame.width, y: row, role: .muted)
        }
        return row + 1
    }
}
