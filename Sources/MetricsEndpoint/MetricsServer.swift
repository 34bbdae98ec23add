import FlyingFox
import FlyingSocks
import Foundation

/// Serves `GET /metrics` (the Prometheus text format) at an address while a body runs, with FlyingFox:
/// plain Swift concurrency, no SwiftNIO. Structured: `serving` returns after the server has stopped.
public struct MetricsServer: Sendable {
    public let address: MetricsAddress
    public let metrics: PoolMetrics

    public init(address: MetricsAddress, metrics: PoolMetrics) {
        self.address = address
        self.metrics = metrics
    }

    /// Listens, runs `body`, then stops the server and waits for it. Throws `MetricsError.cannotListen`
    /// (before `body` runs) when the address cannot be bound, e.g. a port already in use.
    public func serving<R>(_ body: () async throws -> R) async throws -> R {
        let server = HTTPServer(config: HTTPServer.Configuration(address: try socketAddress(), logger: .disabled))
        let metrics = metrics
        await server.appendRoute("GET /metrics") { _ in
            HTTPResponse(
                statusCode: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: Data(await metrics.exposition()))
        }
        return try await withThrowingTaskGroup(of: Event.self) { group in
            group.addTask {
                do {
                    try await server.run()
                    return .ended(nil)
                } catch {
                    return .ended(Self.reason(error))
                }
            }
            group.addTask {
                try await server.waitUntilListening(timeout: 10)
                return .listening
            }
            if case .ended(let reason) = try await group.next() {
                group.cancelAll()
                throw MetricsError.cannotListen(address: address, reason: reason ?? "the server stopped")
            }
            do {
                let result = try await body()
                await server.stop()
                while try await group.next() != nil {}
                return result
            } catch {
                await server.stop()
                while (try? await group.next()) != nil {}
                throw error
            }
        }
    }

    private enum Event: Sendable {
        case listening
        /// The server's run ended, with why when it failed.
        case ended(String?)
    }

    private func socketAddress() throws(MetricsError) -> any SocketAddress {
        do {
            switch address.host {
            case .ipv4(let ip): return try sockaddr_in.inet(ip4: ip, port: address.port)
            case .ipv6(let ip): return try sockaddr_in6.inet6(ip6: ip, port: address.port)
            }
        } catch {
            throw .cannotListen(address: address, reason: Self.reason(error))
        }
    }

    /// The system's words for a socket failure ("Address already in use"), without FlyingFox's prefix.
    static func reason(_ error: any Error) -> String {
        if let socket = error as? SocketError, case .failed(_, _, let message) = socket { return message }
        return "\(error)"
    }
}
