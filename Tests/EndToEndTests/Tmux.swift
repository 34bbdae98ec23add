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

    deinit { close() }

    /// Stops this tmux server (and whatever still runs in it).
    func close() { _ = try? tmux(["kill-server"]) }

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
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        environment.removeValue(forKey: "TMUX")
        return try spawnAndWait(["tmux", "-L", socket] + arguments, environment: environment, readsOutput: readsOutput)
    }
}

/// glibc's posix_spawn_file_actions_addclosefrom_np (2.34 and later), which the Glibc module does not export.
private let closeFromAction: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
}()

struct SpawnError: Error, CustomStringConvertible {
    var description: String
}

/// Runs a program with posix_spawn and waits for it; stdout is read back when asked, stdin and
/// stderr are /dev/null. Foundation's `Process` is not used here: it learns of the child's exit
/// through a descriptor the child inherits, and the tmux server forked by the first client keeps
/// that descriptor for its whole life, so `waitUntilExit` would never return.
func spawnAndWait(_ arguments: [String], environment: [String: String], readsOutput: Bool) throws -> String {
    var pipe: [Int32] = [-1, -1]
    if readsOutput {
        guard Glibc.pipe(&pipe) == 0 else { throw SpawnError(description: "pipe failed: errno \(errno)") }
        // Close-on-exec, so no later child (tmux's server above all) keeps the write end open.
        _ = fcntl(pipe[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(pipe[1], F_SETFD, FD_CLOEXEC)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    if readsOutput {
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
    } else {
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    }
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    // Nothing else is inherited: other tests in this process hold pipes (to children of their own)
    // whose readers wait for end-of-file, which a tmux server keeping a copy would never let come.
    if let closeFrom = closeFromAction { _ = closeFrom(&actions, 3) }

    // A clean signal state: this process's threads block signals (SIGCHLD among them) and posix_spawn
    // would pass that mask on, leaving a tmux server that never reaps its pane's program.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    var pid: pid_t = 0
    let status = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
    if readsOutput { close(pipe[1]) }
    guard status == 0 else {
        if readsOutput { close(pipe[0]) }
        throw SpawnError(description: "could not run \(arguments[0]): errno \(status)")
    }
    var output = [UInt8]()
    if readsOutput {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(pipe[0], &buffer, buffer.count)
            if count > 0 { output.append(contentsOf: buffer[0..<count]); continue }
            if count < 0 && errno == EINTR { continue }
            break
        }
        close(pipe[0])
    }
    var exitStatus: Int32 = 0
    while waitpid(pid, &exitStatus, 0) < 0 && errno == EINTR {}
    return String(decoding: output, as: UTF8.self)
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
