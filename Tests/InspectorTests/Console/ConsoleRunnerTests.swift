import Synchronization
import Testing
@testable import Inspector

/// The console's runner: statements one at a time, and a cancel that covers what was submitted before it only.
@Suite struct ConsoleRunnerTests {
    /// Answers every statement at once, except `slow`, which runs until a cancel reaches the source.
    final class FakeSource: InspectorSource {
        let cancels = Mutex(0)
        let ran = Mutex<[String]>([])

        func collect() async -> DashboardData { Fixtures.data }
        func perform(_ command: Command) async -> String? { nil }

        func runConsole(_ statement: String) async -> ConsoleReply {
            ran.withLock { $0.append(statement) }
            if statement == "slow" {
                let seen = cancels.withLock { $0 }
                while cancels.withLock({ $0 }) == seen { try? await Task.sleep(for: .milliseconds(2)) }
                return ConsoleReply(statement: statement, ending: .cancelled(nil))
            }
            return ConsoleReply(statement: statement, result: ConsoleResult(columns: [], rows: [], commandTag: "SELECT 0"))
        }

        func cancelConsole() { cancels.withLock { $0 += 1 } }
    }

    /// The replies the runner posts, gathered until `enough` holds of them (or about ten seconds pass).
    private func replies(_ inbox: Inbox, until enough: ([ConsoleReply]) -> Bool) async -> [ConsoleReply] {
        var replies: [ConsoleReply] = []
        for _ in 0..<5000 where !enough(replies) {
            for case .console(let reply, _) in inbox.take().1 { replies.append(reply) }
            if !enough(replies) { try? await Task.sleep(for: .milliseconds(2)) }
        }
        return replies
    }

    /// Runs `body` while a runner works for a fake source, then stops the runner.
    private func withRunner(_ body: (FakeSource, Inbox, ConsoleRunner) async -> Void) async {
        let source = FakeSource()
        let inbox = Inbox()
        let runner = ConsoleRunner()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await runner.run(source: source, inbox: inbox) }
            await body(source, inbox, runner)
            group.cancelAll()
        }
    }

    @Test func aCancelStopsTheRunningAndTheQueuedStatementButNotALaterOne() async {
        await withRunner { source, inbox, runner in
            runner.submit(.run("slow"))
            runner.submit(.run("queued"))
            while source.ran.withLock({ $0 }) != ["slow"] { try? await Task.sleep(for: .milliseconds(2)) }
            runner.cancel(source: source)
            runner.submit(.run("later"))
            let answers = await replies(inbox) { $0.count >= 3 }
            #expect(answers.map(\.statement) == ["slow", "queued", "later"], "one at a time, in order")
            #expect(answers.map(\.ending.isCancelled) == [true, true, false])
            #expect(source.ran.withLock { $0 } == ["slow", "later"], "the queued statement never reached the source")
        }
    }

    @Test func watchRunsAgainUntilCancelled() async {
        await withRunner { source, inbox, runner in
            runner.submit(.watch("select 1", every: .milliseconds(1)))
            let answers = await replies(inbox) { $0.count >= 3 }
            #expect(answers.count >= 3 && answers.allSatisfy { $0.statement == "select 1" }, "the watch runs again and again")
            runner.cancel(source: source)
            runner.submit(.run("after"))
            let after = await replies(inbox) { $0.contains { $0.statement == "after" } }
            #expect(after.last?.statement == "after", "the watch stopped and the next statement ran")
        }
    }
}
