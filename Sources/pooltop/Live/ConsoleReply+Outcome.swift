import Inspector
import LibPQ
import Workload

/// The console session's outcome in the screen's terms.
extension ConsoleReply {
    init(_ outcome: ConsoleOutcome) {
        let parts = outcome.results.items.map { item -> Part in
            switch item {
            case .result(let result): .result(ConsoleResult(result))
            case .notice(let notice): .notice(notice)
            }
        }
        let ending: Ending
        switch outcome.results.error {
        case nil: ending = .completed
        case let error? where outcome.cancelled: ending = .cancelled(ServerMessage(error))
        case let error?: ending = .failed(ServerMessage(error))
        }
        self.init(statement: outcome.sql, parts: parts, ending: ending, transaction: ConsoleTransaction(outcome.transaction),
                  backendPID: outcome.backendPID, duration: outcome.elapsed)
    }
}

extension ConsoleResult {
    init(_ result: QueryResult) {
        self.init(columns: result.columns.map { ConsoleColumn(name: $0.name, typeOID: $0.typeOID) }, rows: result.rows,
                  totalRows: result.totalRows, commandTag: result.commandTag)
    }
}

extension ConsoleTransaction {
    init(_ status: TransactionStatus) {
        switch status {
        case .inTransaction, .active: self = .inTransaction
        case .inFailedTransaction: self = .failed
        case .idle, .unknown: self = .idle
        }
    }
}
