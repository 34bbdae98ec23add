import Foundation
import Testing

struct CommandLineTests {
    @Test("an unreachable server gives exit status 2 and one clear line on stderr")
    func unreachableServer() throws {
        let outcome = try Binary.run(["--url", "postgresql://nobody@127.0.0.1:1/x"])
        #expect(outcome.status == 2)
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(outcome.stderr)")
        #expect(outcome.stderr.contains("127.0.0.1"))
        #expect(!outcome.stderr.contains("Fatal error"))
        #expect(outcome.stdout.isEmpty)
    }

    @Test("a password in the URL never reaches the error line")
    func passwordMasked() throws {
        let outcome = try Binary.run(["bench", "--url", "postgresql://bob:hunter2secret@127.0.0.1:1/x", "--duration", "1"])
        #expect(outcome.status == 2)
        #expect(!outcome.stderr.contains("hunter2secret"))
        #expect(outcome.stderr.split(separator: "\n").count == 1, "stderr: \(outcome.stderr)")
    }

    @Test("the screen without a terminal says so in one line, exits 2 and leaves no cluster behind")
    func screenWithoutTerminal() throws {
        let outcome = try Binary.run(["--workers", "2"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.split(separator: "\n").count == 1, "stderr: \(outcome.stderr)")
        #expect(outcome.stderr.contains("needs a terminal"))
        #expect(Clusters.folders(ownedBy: outcome.pid).isEmpty, "a cluster folder outlived the run")
    }

    @Test("a value that starts with '-' is the option's value: a negative count is named as such")
    func negativeValueIsRead() throws {
        let outcome = try Binary.run(["bench", "--pool-size", "-3"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("--pool-size must be 0 or more, not -3"), "stderr: \(outcome.stderr)")
    }

    @Test("--max-overflow -1 (unlimited, as the help says) is accepted: the run gets as far as connecting")
    func unlimitedOverflowIsAccepted() throws {
        let outcome = try Binary.run(["bench", "--max-overflow", "-1", "--url", "postgresql://nobody@127.0.0.1:1/x", "--duration", "1"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("could not connect"), "stderr: \(outcome.stderr)")
        #expect(outcome.stderr.split(separator: "\n").count == 1, "stderr: \(outcome.stderr)")
    }

    @Test("--dead-link-timeout takes a duration (0 or off: never): the run gets as far as connecting", arguments: ["3s", "0", "off"])
    func deadLinkTimeoutIsAccepted(value: String) throws {
        let outcome = try Binary.run(["bench", "--dead-link-timeout", value, "--url", "postgresql://nobody@127.0.0.1:1/x", "--duration", "1"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("could not connect"), "stderr: \(outcome.stderr)")
    }

    @Test("bad usage gives exit status 2 and one line", arguments: [
        ["--pool-size", "-3"], ["--no-such-flag"], ["bench", "--duration", "soon"], ["--preset", "nonesuch"],
        ["bench", "--connect-retry", "5s..1s"], ["bench", "--dead-link-timeout", "soon"],
    ])
    func badUsage(arguments: [String]) throws {
        let outcome = try Binary.run(arguments)
        #expect(outcome.status == 2, "status \(outcome.status) for \(arguments)")
        #expect(outcome.stderr.split(separator: "\n").count == 1, "stderr for \(arguments): \(outcome.stderr)")
    }
}
