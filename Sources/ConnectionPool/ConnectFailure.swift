/// Why a connect failed, as far as the retry is concerned.
public enum ConnectFailure: String, Sendable, Equatable, CaseIterable {
    /// Nothing accepted the session: no server listening, or one starting up or shutting down. The
    /// refusal costs the server nothing, so the pool probes (one attempt at a time) at least every
    /// `refusedRetryCap` and is back as soon as the server is.
    case refused
    /// The server is up but full (max_connections or a connection limit, SQLSTATE 53300): the pool
    /// serves with what it has and probes with the configured back-off, so as not to hammer it.
    case serverFull = "server-full"
    /// Anything else (authentication, a timeout, a bad target): the configured back-off.
    case other

    /// The longest wait between probes while connects are refused.
    public static let refusedRetryCap: Duration = .milliseconds(100)
}
