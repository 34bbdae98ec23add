/// One OpenTelemetry-style data point (semantic conventions for database client connection metrics).
public struct Metric: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        /// An up-down counter or gauge.
        case gauge(Double)
        /// A monotonic counter.
        case counter(Double)
        /// A latency distribution, in seconds: count, sum and quantiles (0.5, 0.9, 0.99, 1).
        case summary(count: Int, sum: Double, quantiles: [Quantile])
    }

    public struct Quantile: Sendable, Equatable {
        public var quantile: Double
        public var value: Double

        public init(quantile: Double, value: Double) {
            self.quantile = quantile
            self.value = value
        }
    }

    /// e.g. "db.client.connection.count".
    public var name: String
    /// UCUM unit: "{connection}", "{request}", "{timeout}" or "s".
    public var unit: String
    public var description: String
    /// Ordered (name, value) pairs, e.g. ("db.client.connection.state", "idle").
    public var attributes: [Attribute]
    public var value: Value

    public struct Attribute: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(name: String, unit: String, description: String, attributes: [Attribute], value: Value) {
        self.name = name
        self.unit = unit
        self.description = description
        self.attributes = attributes
        self.value = value
    }
}

/// Renders snapshots as `db.client.connection.*` metrics and as Prometheus text.
public enum PoolMetrics {
    /// The metrics of `snapshot`, every one labelled with `db.client.connection.pool.name`.
    public static func metrics(from snapshot: PoolSnapshot, poolName: String = "pooltop") -> [Metric] {
        let pool = Metric.Attribute(name: "db.client.connection.pool.name", value: poolName)
        func metric(_ name: String, _ unit: String, _ description: String, _ value: Metric.Value,
                    state: String? = nil) -> Metric {
            var attributes = [pool]
            if let state { attributes.append(.init(name: "db.client.connection.state", value: state)) }
            return Metric(name: "db.client.connection." + name, unit: unit, description: description,
                          attributes: attributes, value: value)
        }
        func summary(_ latency: LatencySummary) -> Metric.Value {
            .summary(
                count: latency.count, sum: latency.mean.seconds * Double(latency.count),
                quantiles: [(0.5, latency.p50), (0.9, latency.p90), (0.99, latency.p99), (1, latency.max)]
                    .map { Metric.Quantile(quantile: $0.0, value: $0.1.seconds) })
        }
        let config = snapshot.configuration
        let used = snapshot.slots.reduce(0) { $0 + ($1.state == .inUse || $1.state == .checking ? 1 : 0) }
        var result = [
            metric("count", "{connection}", "Connections by state.", .gauge(Double(snapshot.idle)), state: "idle"),
            metric("count", "{connection}", "Connections by state.", .gauge(Double(used)), state: "used"),
            metric("idle.max", "{connection}", "Most idle connections kept.",
                   .gauge(Double(max(config.poolSize, config.minimumIdle)))),
            metric("idle.min", "{connection}", "Fewest idle connections kept.", .gauge(Double(config.minimumIdle))),
        ]
        if let max = config.maxConnections {
            result.append(metric("max", "{connection}", "Most open connections allowed.", .gauge(Double(max))))
        }
        result += [
            metric("pending_requests", "{request}", "Check-outs waiting for a connection.",
                   .gauge(Double(snapshot.waiters.count))),
            metric("timeouts", "{timeout}", "Check-outs that timed out.", .counter(Double(snapshot.counters.timeouts))),
            metric("create_time", "s", "Time to open a connection.", summary(snapshot.connectTime)),
            metric("wait_time", "s", "Time to get a connection from the pool.", summary(snapshot.waitTime)),
            metric("use_time", "s", "Time between check-out and check-in.", summary(snapshot.holdTime)),
        ]
        return result
    }

    /// Prometheus text exposition (version 0.0.4): dots become underscores, seconds get `_seconds`,
    /// counters `_total`, distributions are summaries.
    public static func prometheusText(_ metrics: [Metric]) -> String {
        var out = ""
        var described = Set<String>()
        for metric in metrics {
            var name = metric.name.replacingDots()
            if metric.unit == "s" { name += "_seconds" }
            if case .counter = metric.value { name += "_total" }
            if described.insert(name).inserted {
                let type: String
                switch metric.value {
                case .gauge: type = "gauge"
                case .counter: type = "counter"
                case .summary: type = "summary"
                }
                out += "# HELP \(name) \(metric.description)\n# TYPE \(name) \(type)\n"
            }
            let labels = metric.attributes.map { "\($0.name.replacingDots())=\"\(escape($0.value))\"" }
            func line(_ suffix: String, _ extra: [String], _ value: Double) {
                let all = labels + extra
                out += name + suffix + (all.isEmpty ? "" : "{" + all.joined(separator: ",") + "}") + " \(format(value))\n"
            }
            switch metric.value {
            case .gauge(let value), .counter(let value):
                line("", [], value)
            case .summary(let count, let sum, let quantiles):
                for q in quantiles { line("", ["quantile=\"\(format(q.quantile))\""], q.value) }
                line("_sum", [], sum)
                line("_count", [], Double(count))
            }
        }
        return out
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    private static func escape(_ value: String) -> String {
        var result = ""
        for character in value {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }
}

extension String {
    fileprivate func replacingDots() -> String { String(map { $0 == "." ? "_" : $0 }) }
}
