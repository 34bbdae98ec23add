/// The knobs panel while it is open (`ViewState.knobs`): which row is selected, the value being typed, and
/// what the panel says in place (the reason a typed value was refused).
public struct KnobsPanel: Sendable, Equatable {
    /// Index into `Knob.all`.
    public var selected = 0
    /// The value typed after Enter; nil while moving and stepping.
    public var editing: String?
    /// A refused value's reason, shown on the selected row; cleared by the next key.
    public var message: String?

    public init() {}

    public var knob: Knob { Knob.all[max(0, min(Knob.all.count - 1, selected))] }
}
