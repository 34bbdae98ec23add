#if canImport(Glibc)
import Glibc
#endif

/// One accepted client and, once connected, its connection to the target. Touched only under the
/// proxy's lock.
final class ProxiedConnection {
    let client: Int32
    /// -1 until connected to the target (a black-holed connection never is, until `forward`).
    var upstream: Int32 = -1
    private(set) var isClosed = false

    init(client: Int32) {
        self.client = client
    }

    /// Moves what `from` has to read to the other side; false when either side has ended.
    func carry(from descriptor: Int32) -> Bool {
        let to = descriptor == client ? upstream : client
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        if count < 0 && (errno == EAGAIN || errno == EINTR) { return true }
        guard count > 0, to >= 0 else { return false }
        return buffer.withUnsafeBytes { LoopbackSocket.sendAll(to, UnsafeRawBufferPointer(rebasing: $0[..<count])) }
    }

    /// Ends both sides in order (end of stream), as when one side hung up.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        Glibc.close(client)
        if upstream >= 0 { Glibc.close(upstream) }
    }

    /// Resets both sides.
    func reset() {
        guard !isClosed else { return }
        isClosed = true
        LoopbackSocket.reset(client)
        if upstream >= 0 { LoopbackSocket.reset(upstream) }
    }
}
