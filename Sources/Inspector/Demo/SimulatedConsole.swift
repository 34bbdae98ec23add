import Foundation
import LibPQ
import Synchronization

/// The demo's SQL console: enough of PostgreSQL to try the console's keys without a server. It knows
/// transactions (BEGIN, COMMIT, ROLLBACK, and a failed one after an error), `pg_sleep(n)` (cancellable),
/// `pg_backend_pid()`, and `SELECT` of literals; anything else is a syntax error at its first word.
final class SimulatedConsole: Sendable {
    static let backendPID: Int32 = 4000

    private struct State {
        var transaction = ConsoleTransaction.idle
        var cancelled = false
        var running = false
    }

    private let state = Mutex(State())

    func cancel() { state.withLock { $0.cancelled = true } }

    /// A statement is being answered.
    var isRunning: Bool { state.withLock { $0.running } }

    func end() { state.withLock { $0 = State() } }

    /// Answers each statement of the input in turn, as the server answers a simple-query string: the results in
    /// order, up to the first error or cancel (its position counted in the whole input).
    func run(_ statement: String) async -> ConsoleReply {
        state.withLock {
            $0.cancelled = false
            $0.running = true
        }
        defer { state.withLock { $0.running = false } }
        let clock = ContinuousClock()
        let started = clock.now
        var parts: [ConsoleReply.Part] = []
        var ending = ConsoleReply.Ending.completed
        var offset = 0
        for piece in SQLScanner(statement).statements {
            defer { offset += piece.unicodeScalars.count }
            let sql = piece.trimmingCharacters(in: CharacterSet(charactersIn: "; \n\t"))
            guard !sql.isEmpty else { continue }
            switch await answer(sql) {
            case .result(let result):
                parts.append(.result(result))
                continue
            case .failed(var message):
                let lead = piece.unicodeScalars.prefix { " \n\t".unicodeScalars.contains($0) }.count
                message.position = message.position.map { $0 + offset + lead }
                ending = .failed(message)
            case .cancelled(let message):
                ending = .cancelled(message)
            }
            break
        }
        let transaction = state.withLock { state in
            if ending != .completed, state.transaction == .inTransaction { state.transaction = .failed }
            return state.transaction
        }
        return ConsoleReply(statement: statement, parts: parts, ending: ending, transaction: transaction, backendPID: Self.backendPID,
                            duration: clock.now - started)
    }

    /// One statement's answer.
    private enum Answer {
        case result(ConsoleResult)
        case failed(ServerMessage)
        case cancelled(ServerMessage?)
    }

    private func answer(_ sql: String) async -> Answer {
        let word = sql.prefix { !$0.isWhitespace && $0 != "(" }.uppercased()
        let failed = state.withLock { $0.transaction == .failed }
        switch word {
        case "BEGIN", "START":
            return setTransaction(.inTransaction, tag: "BEGIN")
        case "COMMIT", "END":
            return setTransaction(.idle, tag: failed ? "ROLLBACK" : "COMMIT")
        case "ROLLBACK", "ABORT":
            return setTransaction(.idle, tag: "ROLLBACK")
        case _ where failed:
            return .failed(ServerMessage(sqlState: "25P02", message: "current transaction is aborted, commands ignored until end of transaction block"))
        case "SELECT":
            return await select(String(sql.dropFirst(6)).trimmingCharacters(in: .whitespacesAndNewlines))
        default:
            return .failed(ServerMessage(sqlState: "42601", message: "syntax error at or near \"\(sql.prefix { !$0.isWhitespace })\"", position: 1))
        }
    }

    private func setTransaction(_ transaction: ConsoleTransaction, tag: String) -> Answer {
        state.withLock { $0.transaction = transaction }
        return .result(ConsoleResult(columns: [], rows: [], commandTag: tag))
    }

    /// `pg_sleep(n)`, `pg_backend_pid()`, or a literal with an optional `AS name`.
    private func select(_ list: String) async -> Answer {
        let parts = list.components(separatedBy: " AS ")
        let expression = parts[0].trimmingCharacters(in: .whitespaces)
        let lowered = expression.lowercased()
        if lowered.hasPrefix("pg_sleep("), let seconds = Double(lowered.dropFirst(9).prefix { $0 != ")" }) {
            let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
            while ContinuousClock.now < deadline {
                if state.withLock({ $0.cancelled }) {
                    return .cancelled(ServerMessage(sqlState: ConsoleReply.cancelledSQLState, message: "canceling statement due to user request"))
                }
                try? await Task.sleep(for: .milliseconds(20))
            }
            return rows("pg_sleep", "", oid: 2278)
        }
        let name = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
        if lowered == "pg_backend_pid()" { return rows(name ?? "pg_backend_pid", "\(Self.backendPID)", oid: 23) }
        if lowered == "null" { return rows(name ?? "?column?", nil, oid: 25) }
        if Int(expression) != nil { return rows(name ?? "?column?", expression, oid: 23) }
        if expression.hasPrefix("'"), expression.hasSuffix("'"), expression.count >= 2 {
            return rows(name ?? "?column?", String(expression.dropFirst().dropLast()), oid: 25)
        }
        return .failed(ServerMessage(sqlState: "42703", message: "column \"\(expression)\" does not exist (the demo knows literals, pg_sleep and pg_backend_pid)", position: 8))
    }

    private func rows(_ name: String, _ value: String?, oid: UInt32) -> Answer {
        .result(ConsoleResult(columns: [ConsoleColumn(name: name, typeOID: oid)], rows: [[value]], commandTag: "SELECT 1"))
    }
}
