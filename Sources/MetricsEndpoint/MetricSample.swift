import ConnectionPool
import Prometheus

/// One series a scrape reports: a gauge's value, or a counter's total. Built by `MetricSample.samples`,
/// a pure function of the readings, so the names and labels are tested on snapshots.
public struct MetricSample: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case gauge, counter }

    public var name: String
    public var help: String
    public var kind: Kind
    /// In order, the pool's name first.
    public var labels: [Label]
    public var value: Double

    public struct Label: Sendable, Equatable, Hashable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    init(_ descriptor: MetricNameDescriptor, _ kind: Kind, _ labels: [Label], _ value: Double) {
        name = descriptor.name
        help = descriptor.helpText ?? ""
        self.kind = kind
        self.labels = labels
        self.value = value
    }

    /// Identifies the series: its name and labels.
    var key: String { ([name] + labels.map { "\($0.name)=\($0.value)" }).joined(separator: ",") }

    /// Every series for `pool` (nil: no pool has started yet), the counters at `totals`, and the server's
    /// gauges when it was read. `db_client_connection_max` is left out while the overflow is unlimited.
    public static func samples(
        poolName: String, pool: PoolReading?, totals: PoolTotals, server: ServerReading?
    ) -> [MetricSample] {
        let name = Label(MetricName.poolNameLabel, poolName)
        var samples: [MetricSample] = [
            MetricSample(MetricName.timeouts, .counter, [name], Double(totals.timeouts)),
            MetricSample(MetricName.createFailures, .counter, [name], Double(totals.createFailures)),
        ]
        for reason in CloseReason.allCases {
            samples.append(MetricSample(
                MetricName.closes, .counter, [name, Label(MetricName.reasonLabel, reason.rawValue)],
                Double(totals.closes[reason, default: 0])))
        }
        if let pool {
            samples += [
                MetricSample(MetricName.count, .gauge, [name, Label(MetricName.stateLabel, "idle")], Double(pool.idle)),
                MetricSample(MetricName.count, .gauge, [name, Label(MetricName.stateLabel, "used")], Double(pool.used)),
                MetricSample(MetricName.idleMax, .gauge, [name], Double(pool.idleMax)),
                MetricSample(MetricName.idleMin, .gauge, [name], Double(pool.idleMin)),
                MetricSample(MetricName.pendingRequests, .gauge, [name], Double(pool.pendingRequests)),
                MetricSample(MetricName.overflowUsed, .gauge, [name], Double(pool.overflowUsed)),
                MetricSample(MetricName.overflowOpen, .gauge, [name], Double(pool.overflowOpen)),
                MetricSample(MetricName.oldestWait, .gauge, [name], pool.oldestWait.seconds),
            ]
            if let max = pool.max { samples.append(MetricSample(MetricName.max, .gauge, [name], Double(max))) }
        }
        if let connections = server?.connections {
            samples.append(MetricSample(MetricName.serverConnections, .gauge, [name], Double(connections)))
        }
        if let maximum = server?.maxConnections {
            samples.append(MetricSample(MetricName.serverMaxConnections, .gauge, [name], Double(maximum)))
        }
        return samples
    }
}
