/// What the screen needs from the program that runs the pool: fresh data, and a way to act on it.
/// Implemented by the executable's live source (a real pool under load) and by `SimulatedSource` (`pooltop demo`,
/// tests); the screen never touches the pool directly.
public protocol InspectorSource: Sendable {
    /// A consistent picture of the pool, the load and the server right now.
    func collect() async -> DashboardData
    /// Carries out a user command; returns a short status line to show (nil: nothing to say).
    /// For `.runSQL` the returned text is a one-line summary (the console itself uses `runConsole`).
    func perform(_ command: Command) async -> String?
    /// Runs one console statement; the console's session keeps its connection while a transaction is open.
    func runConsole(_ statement: String) async -> ConsoleReply
    /// Asks the server to cancel the console statement that runs (best effort; the statement then ends as
    /// `.cancelled`). Returns at once.
    func cancelConsole()
    /// Rolls back an open console transaction and gives its connection back.
    func endConsoleSession() async
    /// Pauses, seeks or speeds a replay (`ReplaySource`); every other source says it is live.
    func control(_ replay: ReplayControl) async -> String?
}

extension InspectorSource {
    public func control(_ replay: ReplayControl) async -> String? { "not a replay: this screen is live" }
}

/// A user action that changes the pool, the load or the server.
public enum Command: Sendable, Equatable {
    /// Pool size by a delta (+1 / -1).
    case changePoolSize(by: Int)
    case setPoolSize(Int)
    /// max_overflow by a delta.
    case changeMaxOverflow(by: Int)
    /// Worker count by a delta.
    case changeWorkers(by: Int)
    case setWorkers(Int)
    /// Pause (true) or resume (false) the load.
    case setLoadPaused(Bool)
    /// Think time between a worker's queries, by a delta (never below zero).
    case changeThinkTime(by: Duration)
    case setThinkTime(Duration)
    /// Checkout timeout by a delta (never below a small positive floor).
    case changeCheckoutTimeout(by: Duration)
    /// Switch to the next named preset of pool knobs.
    case nextPreset
    case setPreset(String)
    /// Run SQL text through the pool; the answer is the result or error text.
    case runSQL(String)
    /// `pg_terminate_backend(pid)`.
    case terminateBackend(pid: Int32)
    /// Sets one knob from text in its flag's syntax (the knobs panel); the answer names what changed or why not.
    case setKnob(Knob, String)
}
