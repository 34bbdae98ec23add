#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A TCP proxy on 127.0.0.1 for tests: forwards each connection to 127.0.0.1:`targetPort` and can be
/// switched at runtime to stall, black-hole, cut or refuse them (`ProxyMode`), to stand for a network
/// that fails. One thread polls every socket; `stop()` (or deinit, or the end of `lifetime`) closes
/// them all and ends it.
public final class FaultProxy: Sendable {
    /// The port clients connect to.
    public let port: UInt16
    private let core: ProxyCore
    private let thread = Mutex<pthread_t?>(nil)

    public init(targetPort: Int, lifetime: Duration = .seconds(120)) throws(ProxyError) {
        let listener = try LoopbackSocket.listen(port: 0)
        port = listener.port
        core = try ProxyCore(listener: listener.descriptor, port: port, targetPort: UInt16(targetPort), lifetime: lifetime)
        var handle = pthread_t()
        let created = pthread_create(&handle, nil, { context in
            let core = Unmanaged<ProxyCore>.fromOpaque(context!).takeRetainedValue()
            core.run()
            return nil
        }, Unmanaged.passRetained(core).toOpaque())
        guard created == 0 else {
            core.closeAll()
            throw ProxyError("pthread_create", created)
        }
        thread.withLock { $0 = handle }
    }

    deinit { stop() }

    /// Switches to `mode`; returns once the proxy thread acts on it (a cut connection is reset, a
    /// refusing port closed). Throws when `forward` cannot listen on the port again. Does nothing
    /// once stopped.
    public func set(_ mode: ProxyMode) throws(ProxyError) {
        try core.set(mode)
    }

    public var mode: ProxyMode { core.mode }

    /// Proxied connections open now (accepted and not closed).
    public var openConnections: Int { core.openConnections }

    /// Connections accepted since the start, in every mode.
    public var acceptedConnections: Int { core.acceptedConnections }

    /// Closes every socket and waits for the thread to end. Idempotent.
    public func stop() {
        guard let handle = thread.withLock({ $0.take() }) else { return }
        core.requestStop()
        pthread_join(handle, nil)
    }
}
