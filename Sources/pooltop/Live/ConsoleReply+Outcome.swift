import Inspector
import LibPQ
import Workload

/// The console session's outcome in the screen's terms.
extension ConsoleReply {
    init(_ outcome: ConsoleOutcome) {
        let notices = outcome.notices.map(ServerMessage.init)
        let transaction = ConsoleTransaction(outcome.transaction)
        let replyOutcome: Outcome
        switch outcome.result {
        case .success(let result):
            replyOutcome = .rows(ConsoleResult(
                columns: result.columns.map { ConsoleColumn(name: $0.name, typeOID: $0.typeOID) }, rows: result.rows,
                totalRows: outcome.totalRows, commandTag: result.commandTag))
        case .failure(let error) where outcome.cancelled:
            replyOutcome = .cancelled(ServerMessage(error))
        case .failure(let error):
            replyOutcome = .failed(ServerMessage(error))
        }
        self.init(statement: outcome.sql, outcome: replyOutcome, notices: notices, transaction: transaction,
                  backendPID: outcome.backendPID, duration: outcome.elapsed)
    }

    /// One line for the status bar (`.runSQL`).
    var summary: String {
        switch outcome {
        case .rows(let result): result.commandTag
        case .failed(let message): "ERROR: \(message.message)"
        case .cancelled: "cancelled"
        }
    }
}

extension ServerMessage {
    init(_ error: PostgresError) {
        self.init(severity: error.severity ?? "ERROR", sqlState: error.sqlState, message: error.message, detail: error.detail,
                  hint: error.hint, position: error.position)
    }

    init(_ notice: ServerNotice) {
        self.init(severity: notice.severity, sqlState: notice.sqlState, message: notice.message, detail: notice.detail,
                  hint: notice.hint, position: notice.position)
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
