#if canImport(Glibc)
import Glibc
#endif

/// A blocking HTTP/1.0 GET to 127.0.0.1, for tests: no URLSession, whose Dispatch sources on sockets
/// misbehave when a descriptor number is reused (see docs/ARCHITECTURE.md on libpq and Dispatch).
public enum LoopbackHTTP {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public struct Response: Sendable {
        public var status: Int
        public var body: String
    }

    /// GETs `path` (with its query string, already percent-encoded) from 127.0.0.1:`port`, waiting at
    /// most `timeoutSeconds` for each read; throws when nothing accepts the connection.
    public static func get(port: Int, path: String, timeoutSeconds: Int = 10) throws(Failure) -> Response {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { throw Failure(description: "connect to 127.0.0.1:\(port): \(String(cString: strerror(errno)))") }
        let request = Array("GET \(path) HTTP/1.0\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == request.count else {
            throw Failure(description: "send to 127.0.0.1:\(port) failed")
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { break }
            guard count > 0 else { throw Failure(description: "read from 127.0.0.1:\(port): \(String(cString: strerror(errno)))") }
            received += buffer[0..<count]
        }
        let text = String(decoding: received, as: UTF8.self)
        guard let headerEnd = text.firstRange(of: "\r\n\r\n") else { throw Failure(description: "no HTTP response from 127.0.0.1:\(port)") }
        let statusLine = text[..<headerEnd.lowerBound].split(separator: "\r\n").first ?? ""
        let status = statusLine.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return Response(status: status, body: String(text[headerEnd.upperBound...]))
    }
}
