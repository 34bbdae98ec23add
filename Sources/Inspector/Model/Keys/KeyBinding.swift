/// One entry of the key table: the keys, what they do, and where help and the footer list them.
public struct KeyBinding: Sendable, Equatable {
    public enum Group: String, Sendable, Equatable, CaseIterable {
        case general = "General"
        case views = "Views"
        case pool = "Pool"
        case load = "Load"
        case navigation = "Tables"
        case display = "Display"
        case replay = "Replay (pooltop replay)"
    }

    public var keys: [Key]
    public var action: Action
    public var group: Group
    public var summary: String
    /// The footer's text, key first (`"+/- Pool"`); nil keeps the binding out of the footer.
    public var footer: String?
    /// Views where the footer shows it (empty: every view).
    public var footerViews: Set<ViewKind>

    public init(_ keys: [Key], _ action: Action, _ group: Group, _ summary: String, footer: String? = nil, in views: Set<ViewKind> = []) {
        self.keys = keys
        self.action = action
        self.group = group
        self.summary = summary
        self.footer = footer
        self.footerViews = views
    }

    /// Each key's action in a key table; a key bound twice keeps its first binding.
    static func index(_ bindings: [KeyBinding]) -> [Key: Action] {
        var index: [Key: Action] = [:]
        for binding in bindings {
            for key in binding.keys where index[key] == nil { index[key] = binding.action }
        }
        return index
    }

    /// The keys as help spells them, e.g. `q F10`.
    public var keyLabel: String { keys.map(\.label).joined(separator: " ") }
}
