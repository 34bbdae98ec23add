/// Where the watch screen's parts go for a size: the frame builder draws by it, the movement keys page by it.
struct WatchLayout {
    var size: Size
    /// The opened pool's title takes a row above its table.
    var opened: Bool

    /// The column titles' row.
    var tableHeader: Int { WatchHeader.rows + (opened ? 1 : 0) }
    /// Rows of the selected pool's chart (0: no room for it).
    var chartRows: Int { size.height >= 34 ? 6 : size.height >= 22 ? 3 : 0 }
    /// The chart's title row; its rows and axis follow.
    var chartTop: Int { size.height - 1 - (chartRows + 2) }
    /// The table's last row.
    var tableBottom: Int { chartRows > 0 ? chartTop - 1 : size.height - 2 }
    var tableBodyHeight: Int { max(0, tableBottom - tableHeader) }
}
