/// What the console asks the app to do; the app hands statements to its `ConsoleRunner`, one at a time.
public enum ConsoleEffect: Sendable, Equatable {
    case run(String)
    /// psql's `\watch`: run the statement every interval until cancelled (or until it fails).
    case watch(String, every: Duration)
    /// Esc or Ctrl-C: cancel the running statement (the server is asked to stop it) or stop a `\watch`.
    case cancel
    /// Keep the history (the app's writer puts it in the history file off the UI thread); entries oldest first.
    case saveHistory([String])
    /// Cancel what runs, roll back an open transaction and give the connection back; then quit if asked.
    case endSession(thenQuit: Bool)
}
