import ArgumentParser

/// `pooltop completions SHELL`: swift-argument-parser's completion script (the same as
/// `--generate-completion-script SHELL`), with preset, theme, idle order, reset and mix values completed.
struct CompletionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completions",
        abstract: "Print the shell completion script for bash, zsh or fish.",
        discussion: """
            bash: pooltop completions bash > ~/.local/share/bash-completion/completions/pooltop
            zsh:  pooltop completions zsh > ~/.zfunc/_pooltop (with fpath+=(~/.zfunc) before compinit in ~/.zshrc)
            fish: pooltop completions fish > ~/.config/fish/completions/pooltop.fish
            """)

    @Argument(help: "bash, zsh or fish.", completion: .list(CompletionShell.allCases.map(\.rawValue)))
    var shell: String

    func validate() throws {
        if CompletionShell(rawValue: shell) == nil {
            throw ValidationError("no completions for '\(shell)': bash, zsh or fish")
        }
    }

    func run() throws {
        print(Pooltop.completionScript(for: CompletionShell(rawValue: shell)!))
    }
}
