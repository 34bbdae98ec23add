/// Where `--metrics` listens: an IPv4 or IPv6 address and a port. Written `HOST:PORT`, `[IPV6]:PORT`,
/// `:PORT` or `PORT` (both on 127.0.0.1); the default is 127.0.0.1:9187, loopback over IPv4, which is
/// what a local Prometheus scraping "localhost:9187" reaches.
public struct MetricsAddress: Sendable, Equatable, CustomStringConvertible {
    public enum Host: Sendable, Equatable {
        case ipv4(String)
        case ipv6(String)
    }

    public var host: Host
    public var port: UInt16

    public static let defaultPort: UInt16 = 9187
    public static let `default` = MetricsAddress(host: .ipv4("127.0.0.1"), port: defaultPort)

    public init(host: Host, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// Parses the flag's text; nil names nothing wrong in particular: the caller says what is expected.
    public init?(_ text: String) {
        var hostText: Substring
        var portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            hostText = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            portText = rest.dropFirst()
            guard Self.isIPv6(hostText) else { return nil }
            host = .ipv6(String(hostText))
        } else if let colon = text.lastIndex(of: ":") {
            hostText = text[..<colon]
            portText = text[text.index(after: colon)...]
            if hostText.isEmpty { hostText = "127.0.0.1" }
            if hostText == "localhost" { hostText = "127.0.0.1" }
            guard Self.isIPv4(hostText) else { return nil }
            host = .ipv4(String(hostText))
        } else {
            portText = Substring(text)
            host = .ipv4("127.0.0.1")
        }
        guard let port = UInt16(portText), port > 0 else { return nil }
        self.port = port
    }

    /// Whether only this machine can reach it (127.0.0.0/8 or ::1).
    public var isLoopback: Bool {
        switch host {
        case .ipv4(let address): return address.hasPrefix("127.")
        case .ipv6(let address): return address == "::1"
        }
    }

    public var description: String {
        switch host {
        case .ipv4(let address): return "\(address):\(port)"
        case .ipv6(let address): return "[\(address)]:\(port)"
        }
    }

    /// What the flag's help and errors say it takes.
    public static let expected = "HOST:PORT, [IPV6]:PORT, :PORT or PORT"

    private static func isIPv4(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCII) && (UInt8(part) != nil)
        }
    }

    private static func isIPv6(_ text: Substring) -> Bool {
        !text.isEmpty && text.contains(":") && text.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
    }
}
