import Foundation

/// A private tmux server (its own socket) running one program in a window of a given size:
/// the way a person sees the screen, read back with capture-pane.
final class TmuxSession {
    let socket: String
    let name = "e2e"

    init(command: String, width: Int, height: Int) throws {
        socket = "pooltop-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        // The first client forks the tmux server, which keeps the client's stdout: a pipe there
        // would never reach end-of-file, so this call reads nothing back.
        try tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", command], readsOutput: false)
        try tmux(["set-option", "-t", name, "remain-on-exit", "on"])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    /// The visible screen as text.
    func capture() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }

    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The pid of the program in the pane (the command is exec'd, so it is pooltop itself).
    func panePID() throws -> Int32 {
        Int32(try tmux(["display-message", "-p", "-t", name, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// True once the program in the pane has exited.
    func paneIsDead() throws -> Bool {
        try tmux(["display-message", "-p", "-t", name, "#{pane_dead}"]).hasPrefix("1")
    }

    /// Polls the screen until `predicate` holds or `timeout` passes; returns the last screen.
    @discardableResult
    func waitForScreen(timeout: Duration, _ predicate: (String) -> Bool) throws -> String {
        let deadline = ContinuousClock.now + timeout
        var screen = try capture()
        while !predicate(screen) && ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            screen = try capture()
        }
        return screen
    }

    @discardableResult
    private func tmux(_ arguments: [String], readsOutput: Bool = true) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux", "-L", socket] + arguments
        let out = Pipe()
        process.standardOutput = readsOutput ? out : FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        environment.removeValue(forKey: "TMUX")
        process.environment = environment
        try process.run()
        let data = readsOutput ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// Polls `condition` until it holds or `timeout` passes.
func eventually(timeout: Duration, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.1)
    }
    return try condition()
}
