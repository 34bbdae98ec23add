import CLibPQ

/// Where the session stands with respect to a transaction, as libpq reports it.
public enum TransactionStatus: Sendable, Equatable {
    case idle, active, inTransaction, inFailedTransaction, unknown

    init(_ status: PGTransactionStatusType) {
        switch status {
        case PQTRANS_IDLE: self = .idle
        case PQTRANS_ACTIVE: self = .active
        case PQTRANS_INTRANS: self = .inTransaction
        case PQTRANS_INERROR: self = .inFailedTransaction
        default: self = .unknown
        }
    }
}
