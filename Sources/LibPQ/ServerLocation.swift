#if canImport(Glibc)
import Glibc
#endif
import CLinux

/// Where the server process behind a connection runs, when it runs on this host and so shares our
/// CPUs. The query session reads it now and then so that the loop on that CPU watches the socket
/// (see `SocketWatch.follow(serverCPU:)`).
struct ServerLocation: ~Copyable {
    private enum Source {
        /// TCP to this host: SO_INCOMING_CPU, the CPU that handled the last packet in (over
        /// loopback, the CPU the server process sent it from).
        case incomingCPU(socket: Int32)
        /// A Unix socket: the server process's /proc/<pid>/stat, kept open (once the process ends,
        /// reads fail rather than describe a process that took its pid over).
        case processStat(descriptor: Int32)
        /// A server on another host, or one whose process we cannot see.
        case unknown
    }

    private var source: Source

    /// `socket`: the connection's socket; `backendPID`: the server process serving it, as the server
    /// reported it. That pid is trusted only when the process is a child of the socket's listener
    /// (a server in another pid namespace, e.g. a container sharing its socket directory, reports
    /// pids that mean nothing here).
    init(socket: Int32, backendPID: Int32) {
        source = .unknown
        var listener: Int32 = -1
        switch pooltop_socket_peer(socket, &listener) {
        case POOLTOP_PEER_LOCAL_IP:
            source = .incomingCPU(socket: socket)
            return
        case POOLTOP_PEER_UNIX:
            break
        default:
            return
        }
        guard listener > 0, backendPID > 0 else { return }
        let descriptor = open("/proc/\(backendPID)/stat", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        var parent: Int32 = 0
        var cpu: Int32 = 0
        if pooltop_process_placement(descriptor, &parent, &cpu) == 0, parent == listener {
            source = .processStat(descriptor: descriptor)
        } else {
            close(descriptor)
        }
    }

    deinit {
        if case .processStat(let descriptor) = source { close(descriptor) }
    }

    /// True while the server process's CPU can be known.
    var isOnThisHost: Bool {
        if case .unknown = source { return false }
        return true
    }

    /// The CPU the server process last ran on (costs one system call), or nil.
    mutating func cpu() -> Int? {
        switch source {
        case .incomingCPU(let socket):
            let cpu = pooltop_socket_incoming_cpu(socket)
            return cpu >= 0 ? Int(cpu) : nil
        case .processStat(let descriptor):
            var parent: Int32 = 0
            var cpu: Int32 = 0
            guard pooltop_process_placement(descriptor, &parent, &cpu) == 0 else {
                close(descriptor)
                source = .unknown
                return nil
            }
            return Int(cpu)
        case .unknown:
            return nil
        }
    }
}
