import Testing
@testable import Inspector

@Suite struct MetaCommandTests {
    @Test func parsesTheSupportedCommands() {
        #expect(MetaCommand.parse("\\x") == .success(.expanded(nil)))
        #expect(MetaCommand.parse("\\x on") == .success(.expanded(true)))
        #expect(MetaCommand.parse("\\x OFF") == .success(.expanded(false)))
        #expect(MetaCommand.parse("\\timing") == .success(.timing(nil)))
        #expect(MetaCommand.parse("\\?") == .success(.help))
        #expect(MetaCommand.parse("  \\q ") == .success(.quit))
    }

    @Test func watchDefaultsToTwoSecondsAndTakesAnInterval() {
        #expect(MetaCommand.parse("\\watch") == .success(.watch(seconds: 2)))
        #expect(MetaCommand.parse("\\watch 0.5") == .success(.watch(seconds: 0.5)))
        #expect(MetaCommand.parse("\\watch i=3") == .success(.watch(seconds: 3)))
    }

    @Test func refusesBadValuesWithAMessage() {
        for text in ["\\watch 0", "\\watch -1", "\\watch soon", "\\watch nan", "\\x maybe"] {
            guard case .failure(.badArgument) = MetaCommand.parse(text) else {
                Issue.record("\(text) was accepted")
                continue
            }
        }
        #expect(MetaCommand.parse("\\q now") == .failure(.extraArguments("\\q")))
        #expect(MetaCommand.parse("\\watch 1 2") == .failure(.extraArguments("\\watch")))
    }

    @Test func unknownCommandSaysHowToGetHelp() {
        let result = MetaCommand.parse("\\dt")
        #expect(result == .failure(.unknown("\\dt")))
        if case .failure(let error) = result { #expect(error.description == "invalid command \\dt; try \\? for help") }
        #expect(MetaCommand.helpLines.count == 5)
    }
}
