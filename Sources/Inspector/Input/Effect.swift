/// What the app must do after a key: the pure input handler never acts by itself.
public enum Effect: Sendable, Equatable {
    case quit
    case perform(Command)
    case nextTheme
    case console(ConsoleEffect)
    case replay(ReplayControl)
}
