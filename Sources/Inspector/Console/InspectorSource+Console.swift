/// Console defaults for sources without a session of their own: `.runSQL` text as a one-column answer.
extension InspectorSource {
    public func runConsole(_ statement: String) async -> ConsoleReply {
        let text = await perform(.runSQL(statement)) ?? ""
        let rows = text.split(separator: "\n", omittingEmptySubsequences: false).map { [String($0)] as [String?] }
        let result = ConsoleResult(columns: [ConsoleColumn(name: "answer", typeOID: 25)], rows: rows, commandTag: "")
        return ConsoleReply(statement: statement, result: result)
    }

    public func cancelConsole() {}

    public func endConsoleSession() async {}
}
