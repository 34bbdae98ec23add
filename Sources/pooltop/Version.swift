extension Pooltop {
    /// The program's version: what `pooltop --version` prints and what a recording's header says made it.
    static let version = "0.1.0"
}
