import ConnectionPool
import Testing
@testable import Inspector

/// The pool's fault events read in a DBA's words in the event log.
@Suite struct FaultEventTextTests {
    func text(_ kind: PoolEvent.Kind) -> String {
        EventText.describe(PoolEvent(sequence: 1, at: .seconds(1), kind: kind), glyphs: Glyphs(ascii: false))
    }

    @Test func faultsAreNamedAsADBAWouldNameThem() {
        #expect(text(.connectionLost(slot: 3, backendPID: 4242, cause: "terminated by administrator command"))
            == "backend 4242 (slot 3) terminated by administrator command")
        #expect(text(.serverFull(message: "sorry, too many clients already", retryIn: .milliseconds(400)))
            .hasPrefix("too many connections (max_connections reached)"))
        #expect(text(.connectRefused(message: "Connection refused", retryIn: .milliseconds(250)))
            .hasPrefix("server not accepting connections (connection refused)"))
        #expect(text(.connectsRestored(failedFor: .milliseconds(1300), failures: 5))
            .hasPrefix("server accepting connections again after"))
    }

    @Test func faultsAreLoggedAndColouredAsTrouble() {
        let lost = PoolEvent(sequence: 1, at: .zero, kind: .connectionLost(slot: 1, backendPID: nil, cause: "lost: eof"))
        #expect(EventText.isLogged(lost))
        #expect(EventText.role(lost) == .error)
        #expect(EventText.role(PoolEvent(sequence: 2, at: .zero, kind: .serverFull(message: "", retryIn: .zero))) == .warning)
    }
}
