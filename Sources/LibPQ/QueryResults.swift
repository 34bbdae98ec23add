/// Everything a string of statements sent as one simple-protocol message came back with, as psql shows it:
/// each statement's result and the server's notices, in the order the server sent them, then the error that
/// stopped the string, if one did (the statements after it did not run; a lost connection is such an error).
public struct QueryResults: Sendable, Equatable {
    public enum Item: Sendable, Equatable {
        case result(QueryResult)
        case notice(ServerMessage)
    }

    public var items: [Item]
    public var error: PostgresError?

    public init(items: [Item] = [], error: PostgresError? = nil) {
        self.items = items
        self.error = error
    }

    /// The statements' results, in order.
    public var results: [QueryResult] {
        items.compactMap { if case .result(let result) = $0 { result } else { nil } }
    }

    /// The notices, in order.
    public var notices: [ServerMessage] {
        items.compactMap { if case .notice(let notice) = $0 { notice } else { nil } }
    }

    /// The last result when every statement succeeded (what `query` returns), else the error.
    public var outcome: Result<QueryResult, PostgresError> {
        if let error { return .failure(error) }
        return .success(results.last ?? QueryResult())
    }
}
