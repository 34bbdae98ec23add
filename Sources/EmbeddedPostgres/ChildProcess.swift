import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program started with `posix_spawn`: absolute path, argv, a small clean environment, its own
/// process group, default signal handling, no inherited descriptors beyond stdin/stdout/stderr.
struct ChildProcess: Sendable {
    var executable: String
    var arguments: [String]
    var environment: [String] = ChildProcess.cleanEnvironment
    var workingDirectory: String?

    /// What the child's stdout and stderr are connected to.
    enum Output: Sendable {
        case discard
        case appendToFile(String)
    }

    /// The environment every child gets: no inherited PG* variables, C messages.
    static let cleanEnvironment = ["PATH=/usr/bin:/bin", "LC_ALL=C", "LANG=C"]

    /// Starts the child and returns its pid; the caller must reap it.
    func spawn(output: Output) throws(EmbeddedPostgresError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        switch output {
        case .discard:
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        case .appendToFile(let path):
            posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        }
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        SpawnExtensions.closeFrom(3, in: &actions)
        if let workingDirectory {
            SpawnExtensions.changeDirectory(to: workingDirectory, in: &actions)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw EmbeddedPostgresError("could not start \(executable): \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// Runs the child to completion; returns its exit status (128 + signal if killed) and its output.
    func run() throws(EmbeddedPostgresError) -> (status: Int32, output: String) {
        var template = Array((NSTemporaryDirectory() + "/pooltop-output-XXXXXX").utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else {
            throw EmbeddedPostgresError("could not create a temporary file: \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        let outputPath = String(nulTerminated: template)
        defer { unlink(outputPath) }
        let pid = try spawn(output: .appendToFile(outputPath))
        let status = ChildProcess.waitForExit(of: pid)
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return (status, output)
    }

    /// Reaps `pid`, retrying on EINTR; returns the exit status, or 128 + the signal that ended it.
    static func waitForExit(of pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        return decode(waitStatus: status)
    }

    /// Turns a raw `waitpid` status into an exit code, or 128 + signal number.
    static func decode(waitStatus status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}

/// glibc's `posix_spawn` extensions (`addchdir_np`, `addclosefrom_np`), looked up at run time
/// because the Glibc module does not import them; absent on old libcs, where they are skipped.
private enum SpawnExtensions {
    typealias AddChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    static func changeDirectory(to path: String, in actions: inout posix_spawn_file_actions_t) {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return }
        _ = unsafeBitCast(symbol, to: AddChangeDirectory.self)(&actions, path)
    }

    static func closeFrom(_ lowest: Int32, in actions: inout posix_spawn_file_actions_t) {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return }
        _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, lowest)
    }
}
