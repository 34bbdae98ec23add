/// The SQL console: the line being edited, the statement history, what runs, the transaction state, and the
/// transcript of what came back.
public struct ConsoleState: Sendable, Equatable {
    public var editor = LineEditor()
    public var history = StatementHistory()
    /// A Ctrl-R search in progress.
    public var search: HistorySearch?
    public var phase: ConsolePhase = .idle
    public var transaction: ConsoleTransaction = .idle
    /// The backend the last statement ran on.
    public var backendPID: Int32?
    /// `\x`.
    public var expanded = false
    /// `\timing`: durations shown under results (on by default).
    public var timing = true
    public var transcript = ConsoleTranscript()
    /// First transcript line shown.
    public var scroll = 0
    /// Inputs submitted while a statement ran (typed ahead or pasted): they run in order once it ends.
    public var pending: [Submission] = []
    /// The statement `\watch` re-runs when given none.
    public var lastStatement: String?
    /// How long the running statement has run, refreshed by the app each frame.
    public var runningFor: Duration?

    public init() {}

    /// The history loaded from the history file.
    public init(history: [String]) {
        self.history = StatementHistory(entries: history)
    }

    /// psql's default prompt `%/%R%x%# ` with pooltop for the database: `pooltop=# `, `pooltop=*# ` in a
    /// transaction, `pooltop=!# ` in a failed one, `pooltop-# ` (or `'`, `(`…) on continuation lines.
    public func prompt(row: Int) -> String {
        "pooltop\(editor.promptMarker(row: row))\(transaction.promptMarker)# "
    }

    /// Rows the transcript gets in a frame of `height` rows: below the console's status row, above the editor.
    public func transcriptHeight(frameHeight: Int) -> Int {
        max(1, frameHeight - ScreenLayout.bodyTop - 2 - editorHeight(frameHeight: frameHeight))
    }

    /// Rows the editor takes: its lines, at most half the body.
    public func editorHeight(frameHeight: Int) -> Int {
        max(1, min(editor.lines.count, (frameHeight - ScreenLayout.bodyTop - 2) / 2))
    }

    /// Records what came back and scrolls to it: the whole answer if it fits, else its first line at the top.
    mutating func receive(_ reply: ConsoleReply, watching: Bool, size: Size) {
        transaction = reply.transaction
        backendPID = reply.backendPID ?? backendPID
        switch phase {
        case .running: phase = .idle
        case .watching:
            if !reply.completed { phase = .idle }
        case .idle: break
        }
        if !watching { runningFor = nil }
        show(.reply(reply, expanded: expanded, timing: timing), size: size)
    }

    /// Appends an entry to the transcript and scrolls so that it shows.
    mutating func show(_ entry: ConsoleTranscript.Entry, size: Size) {
        lay(size: size)
        let start = transcript.append(entry)
        let height = transcriptHeight(frameHeight: size.height)
        scroll = min(start, max(0, transcript.lines.count - height))
    }

    /// Lays the transcript out for the frame's width.
    public mutating func lay(size: Size) {
        transcript.lay(width: max(20, size.width))
    }

}
