/// Why a throwaway cluster could not be started; `message` is one line meant for a user.
public struct EmbeddedPostgresError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
