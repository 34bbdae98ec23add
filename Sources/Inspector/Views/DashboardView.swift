import ConnectionPool
import Workload

/// The main view: the pool's slots, the waiter queue, gauges, charts over time and the event log.
enum DashboardView {
    static func draw(into frame: inout Frame, data: DashboardData, context: ViewContext) {
        var y = context.bodyTop
        let bottom = context.bodyBottom
        if !context.compact {
            drawLegend(into: &frame, y: y, glyphs: context.glyphs)
            y += 1
        }
        y = PoolCellsView.draw(into: &frame, pool: data.pool, y: y, maxRows: context.compact ? 2 : 6, glyphs: context.glyphs)
        y = drawWaiters(into: &frame, pool: data.pool, y: y, glyphs: context.glyphs)
        y = PgBouncerLayers.draw(into: &frame, data: data, y: y, glyphs: context.glyphs)
        y = ConsoleHoldView.draw(into: &frame, pool: data.pool, console: context.state.console, y: y)
        if !context.compact { y += 1 }
        y = GaugesView.draw(into: &frame, data: data, y: y, glyphs: context.glyphs)
        y = VerdictView.draw(into: &frame, data: data, y: y, compact: context.compact)
        if !context.compact { y += 1 }
        let remaining = bottom - y + 1
        let chartRows = context.compact ? max(3, min(4, remaining - 5)) : max(4, min(14, remaining / 2 - 2))
        y = ChartsView.draw(into: &frame, data: data, y: y, chartRows: chartRows, glyphs: context.glyphs)
        EventLogView.draw(into: &frame, events: data.events, serverEvents: data.serverEvents, top: y, bottom: bottom, glyphs: context.glyphs)
    }

    private static func drawLegend(into frame: inout Frame, y: Int, glyphs: Glyphs) {
        let entries: [(SlotState, SlotKind, String)] = [
            (.idle, .core, "idle"), (.inUse, .core, "in use"), (.inUse, .overflow, "overflow in use"),
            (.idle, .overflow, "overflow idle"), (.connecting, .core, "connecting"), (.checking, .core, "checking"),
            (.closing, .core, "closing"), (.broken, .core, "broken"),
        ]
        var x = frame.put("Legend  ", x: 0, y: y, role: .muted)
        for (state, kind, name) in entries {
            frame.put(glyphs.slot(state, kind: kind), x: x, y: y, role: Glyphs.role(state, kind: kind))
            x += 1 + frame.put(" " + name + "  ", x: x + 1, y: y, role: .muted)
        }
        frame.put(glyphs.emptySlot, x: x, y: y, role: .muted)
        frame.put(" not open", x: x + 1, y: y, role: .muted)
    }

    private static func drawWaiters(into frame: inout Frame, pool: PoolSnapshot, y: Int, glyphs: Glyphs) -> Int {
        let waiters = pool.waiters
        var x = frame.put("Waiters ", x: 0, y: y, role: .header)
        x += frame.put("\(waiters.count)", x: x, y: y, role: waiters.count > 0 ? .waiting : .text)
        if let oldest = waiters.oldestWait, waiters.count > 0 {
            x += frame.put("  oldest ", x: x, y: y, role: .muted)
            x += frame.put(Format.duration(oldest), x: x, y: y, role: .waiting)
        }
        x += 2
        for (index, waiter) in waiters.oldest.enumerated() {
            let text = " \(waiter.holder) \(Format.duration(waiter.waited))  "
            if x + text.count + 1 > frame.width - 6 {
                let more = waiters.count - index
                frame.put("+\(more)", x: x, y: y, role: .muted)
                break
            }
            frame.put(glyphs.waiter, x: x, y: y, role: .waiting)
            x += 1 + frame.put(text, x: x + 1, y: y, role: .text)
        }
        return y + 1
    }
}
