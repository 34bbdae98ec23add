import ArgumentParser
import ConfigFile
import Foundation
import Inspector
import Workload

/// `pooltop replay FILE`: a recording on the screen, with pause, seek and speed keys; `--summary` prints what
/// bench printed for its runs.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Show a recording made with --record: the screen as it was, or bench's summary of it.",
        discussion: """
            Keys: Space pause/resume, Left/Right 10 s back/forward, Home/End start/end, </> speed 0.25x..16x. \
            Knobs, load and console are not available in a replay. A damaged file is replayed up to the damage.
            """)

    @Argument(help: ArgumentHelp("A recording made with --record.", valueName: "file"))
    var file: String

    @Flag(help: "Print what bench printed (or would have) for each run in the recording, instead of the screen.")
    var summary = false

    @Flag(help: "With --summary: one JSON object per run, the keys of `pooltop bench --json`.")
    var json = false

    @OptionGroup var screen: ScreenOptions
    @OptionGroup var config: ConfigOptions

    func validate() throws {
        if json && !summary { throw ValidationError("--json goes with --summary") }
    }

    func run() async throws {
        let recording: Recording
        do {
            recording = try RecordingReader.read(path: file)
        } catch {
            throw Failure.usage("replay \(error)")
        }
        if summary {
            let reports = RecordingSummary.reports(recording)
            guard !reports.isEmpty else {
                throw Failure.runtime(recording.damage?.description ?? "replay \(file): no second recorded, nothing to summarise")
            }
            print(reports.map { json ? $0.json(pretty: false) : $0.summary }.joined(separator: json ? "\n" : "\n\n"))
        } else {
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw Failure.usage(ScreenOptions.noTerminal) }
            // The config file's theme, fps and ascii apply here too, as in the demo.
            let settings = try config.layered(flags: [screen.layer]).screenSettings()
            try await ScreenOptions.show(ReplaySource(recording: recording), settings: settings)
        }
        if let damage = recording.damage { Pooltop.printError(damage.description) }
    }
}
