import ArgumentParser
import ConnectionPool
import LibPQ
import MetricsEndpoint
import Workload

/// `--metrics [ADDR]` and `--pool-name`: the pool's metrics in the Prometheus text format while the
/// command runs (the screen, bench, sweep).
struct MetricsOptions: ParsableArguments {
    /// Alone (`--metrics`, then another option or nothing) it takes the default address: an option whose value
    /// is optional, which swift-argument-parser 1.8 spells `defaultAsFlag`.
    @Option(name: .customLong("metrics"), defaultAsFlag: MetricsAddress.default, parsing: .next, help: ArgumentHelp(
        "Serve the pool's metrics for Prometheus at http://ADDR/metrics (\(MetricsAddress.expected)), or alone for the default.",
        valueName: "addr"))
    var metrics: MetricsAddress? = nil

    @Option(help: ArgumentHelp("The metrics' db_client_connection_pool_name (default: host:port/database; embedded/postgres for the throwaway cluster).", valueName: "name"))
    var poolName: String?

    /// Runs `body` with the metrics' pool observer while the endpoint serves them, or with nil when
    /// `--metrics` is off. A port already in use is one line and exit status 2, before `body` starts.
    func serving<R>(for resolved: ResolvedTarget, _ body: ((any PoolObserver)?) async throws -> R) async throws -> R {
        guard let address = metrics else { return try await body(nil) }
        let monitor = ServerMonitor(target: resolved.target, applicationName: "pooltop-metrics")
        let metrics = PoolMetrics(poolName: poolName ?? resolved.poolName) {
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
}

extension MetricsAddress: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
