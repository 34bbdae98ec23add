/// What the pool needs of a connection. The pool knows nothing else of it (not even that it is PostgreSQL).
public protocol PoolableConnection: AnyObject, Sendable {
    /// False once the connection is known to be lost; cheap, no I/O.
    var isUsable: Bool { get }
    /// The server's process id for this session, if it has one.
    var backendPID: Int32? { get }
    /// A round trip that proves the connection works (pre-ping). Throws if it does not.
    func ping() async throws
    /// Brings the session back to a clean state before reuse. Throws if it cannot.
    func reset(_ mode: ResetMode) async throws
    /// Whether `reset(mode)` has anything to do; cheap, no I/O, called under the pool's lock. When
    /// false the check-in returns the connection at once instead of going through the reset step.
    /// The default answers true for every mode but `.none`.
    func needsReset(_ mode: ResetMode) -> Bool
    /// Closes the connection; never throws, may be called on a broken one.
    func close() async
    /// Once not `isUsable`: why the connection was lost, in the words a DBA would use ("terminated by
    /// administrator command"), for the pool's `connectionLost` event. The default says nothing.
    var lossDescription: String? { get }
}

extension PoolableConnection {
    public func needsReset(_ mode: ResetMode) -> Bool { mode != .none }
    public var lossDescription: String? { nil }
}

/// Opens connections for the pool.
public protocol ConnectionFactory: Sendable {
    associatedtype Connection: PoolableConnection
    func makeConnection() async throws -> Connection
    /// What a `makeConnection` failure means for the retry (see `ConnectFailure`). The default: `.other`.
    func classify(connectError: any Error) -> ConnectFailure
}

extension ConnectionFactory {
    public func classify(connectError: any Error) -> ConnectFailure { .other }
}
