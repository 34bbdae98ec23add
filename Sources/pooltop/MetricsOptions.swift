import ArgumentParser
import ConnectionPool
import LibPQ
import MetricsEndpoint
import Workload

/// `--metrics [ADDR]` and `--pool-name`: the pool's metrics in the Prometheus text format while the
/// command runs (the screen, bench, sweep).
struct MetricsOptions: ParsableArguments {
    @Option(name: .customLong("metrics"), help: ArgumentHelp(
        "Serve the pool's metrics for Prometheus at http://ADDR/metrics (default when given alone: \(MetricsAddress.default); \(MetricsAddress.expected)).",
        valueName: "addr"))
    var metrics: MetricsAddress?

    @Option(help: ArgumentHelp("The metrics' db_client_connection_pool_name (default: host:port/database).", valueName: "name"))
    var poolName: String?

    /// Runs `body` with the metrics' pool observer while the endpoint serves them, or with nil when
    /// `--metrics` is off. A port already in use is one line and exit status 2, before `body` starts.
    func serving<R>(for target: ConnectionTarget, _ body: ((any PoolObserver)?) async throws -> R) async throws -> R {
        guard let address = metrics else { return try await body(nil) }
        let monitor = ServerMonitor(target: target, applicationName: "pooltop-metrics")
        let metrics = PoolMetrics(poolName: poolName ?? target.poolName) {
            let server = await monitor.poll()
            return ServerReading(connections: server.connections, maxConnections: server.maxConnections)
        }
        do {
            let result = try await MetricsServer(address: address, metrics: metrics).serving { try await body(metrics) }
            await monitor.close()
            return result
        } catch let error as MetricsError {
            await monitor.close()
            throw Failure.usage(error.description)
        } catch {
            await monitor.close()
            throw error
        }
    }

    /// Gives a bare `--metrics` (last, or followed by another option) the default address, so the option's
    /// value is optional on the command line; any other word after it is its value, checked as an address.
    static func defaultingAddress(in arguments: [String]) -> [String] {
        var result: [String] = []
        for (index, argument) in arguments.enumerated() {
            result.append(argument)
            guard argument == "--metrics" else { continue }
            let next = index + 1 < arguments.count ? arguments[index + 1] : "-"
            if next.hasPrefix("-") { result.append(MetricsAddress.default.description) }
        }
        return result
    }
}

extension MetricsAddress: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
