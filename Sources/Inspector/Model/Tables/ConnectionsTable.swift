import ConnectionPool

/// The connections view: one row per slot of the pool.
enum ConnectionsTable: TableDefinition {
    struct Item {
        var slot: Slot
        var glyphs: Glyphs
        /// How long the slot has been in its state: the query, the check-out or the idle spell.
        var time: Duration? { slot.queryFor ?? slot.heldFor ?? slot.idleFor }
    }

    static func items(in data: DashboardData, glyphs: Glyphs) -> [Item] {
        data.pool.slots.map { Item(slot: $0, glyphs: glyphs) }
    }

    static func pid(of item: Item) -> Int32? { item.slot.backendPID }

    static let columns: [TableColumn<Item>] = [
        TableColumn("ID", width: 4, alignRight: true, cell: { "\($0.slot.id)" }, sortKey: { .number(Double($0.slot.id)) }),
        TableColumn(
            "PID", width: 7, alignRight: true, cell: { $0.slot.backendPID.map { "\($0)" } ?? "-" },
            sortKey: { .number(Double($0.slot.backendPID ?? -1)) }),
        TableColumn(
            "STATE", width: 10,
            cell: { String(Character($0.glyphs.slot($0.slot.state, kind: $0.slot.kind))) + " " + $0.slot.state.rawValue },
            sortKey: { .text($0.slot.state.rawValue) }, role: { Glyphs.role($0.slot.state, kind: $0.slot.kind) }),
        TableColumn(
            "KIND", width: 8, cell: { $0.slot.kind.rawValue }, sortKey: { .text($0.slot.kind.rawValue) },
            role: { $0.slot.kind == .overflow ? .overflow : .muted }),
        TableColumn(
            "AGE", width: 7, alignRight: true, descendingFirst: true, cell: { Format.duration($0.slot.age) },
            sortKey: { .number($0.slot.age.seconds) }),
        TableColumn(
            "USES", width: 6, alignRight: true, descendingFirst: true, cell: { "\($0.slot.uses)" },
            sortKey: { .number(Double($0.slot.uses)) }),
        TableColumn("HOLDER", width: 10, cell: { $0.slot.holder ?? "" }, sortKey: { .text($0.slot.holder ?? "") }),
        TableColumn(
            "TIME", width: 7, alignRight: true, descendingFirst: true, cell: { Format.duration($0.time) },
            sortKey: { .number($0.time.map(\.seconds) ?? -1) }),
        TableColumn("QUERY", width: 5, flexible: true, cell: { $0.slot.query ?? "" }, sortKey: { .text($0.slot.query ?? "") }),
    ]
}
