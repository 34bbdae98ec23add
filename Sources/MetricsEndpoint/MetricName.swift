import Prometheus

/// Every metric pooltop serves, named once: OpenTelemetry's `db.client.connection.*` conventions as
/// Prometheus spells them (dots become `_`, seconds `_seconds`, counters `_total`), and `pooltop_` names
/// for what OpenTelemetry does not name.
public enum MetricName {
    /// The labels; every series carries the pool's name.
    public static let poolNameLabel = "db_client_connection_pool_name"
    public static let stateLabel = "db_client_connection_state"
    public static let reasonLabel = "pooltop_close_reason"

    // OpenTelemetry's
    static var count: MetricNameDescriptor {
        gauge("db_client_connection_count", "Open connections, by state (idle or used).")
    }
    static var idleMax: MetricNameDescriptor {
        gauge("db_client_connection_idle_max", "The most idle open connections the pool keeps.")
    }
    static var idleMin: MetricNameDescriptor {
        gauge("db_client_connection_idle_min", "The fewest idle open connections the pool keeps warm.")
    }
    static var max: MetricNameDescriptor {
        gauge("db_client_connection_max", "The most open connections allowed (pool size plus overflow); absent when unlimited.")
    }
    static var pendingRequests: MetricNameDescriptor {
        gauge("db_client_connection_pending_requests", "Check-outs waiting for a connection.")
    }
    static var timeouts: MetricNameDescriptor {
        counter("db_client_connection_timeouts", "Check-outs that timed out waiting for a connection.")
    }
    static var createTime: MetricNameDescriptor {
        seconds("db_client_connection_create_time", "Time to open a connection.")
    }
    static var waitTime: MetricNameDescriptor {
        seconds("db_client_connection_wait_time", "Time a check-out waited for a connection.")
    }
    static var useTime: MetricNameDescriptor {
        seconds("db_client_connection_use_time", "Time between a check-out and its check-in.")
    }

    // pooltop's own
    static var overflowUsed: MetricNameDescriptor {
        gauge("pooltop_connection_overflow_used", "Overflow connections (beyond the pool size) in use.")
    }
    static var overflowOpen: MetricNameDescriptor {
        gauge("pooltop_connection_overflow_count", "Overflow connections (beyond the pool size) open.")
    }
    static var closes: MetricNameDescriptor {
        counter("pooltop_connection_closes", "Connections the pool closed, by reason.")
    }
    static var createFailures: MetricNameDescriptor {
        counter("pooltop_connection_create_failures", "Connects that failed.")
    }
    static var oldestWait: MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: "pooltop_pending_requests_oldest_wait", unitName: "seconds",
            helpText: "How long the oldest waiting check-out has waited (0 when none waits).")
    }
    static var serverConnections: MetricNameDescriptor {
        gauge("pooltop_server_connections", "Client backends the server has (pg_stat_activity), from every client.")
    }
    static var serverMaxConnections: MetricNameDescriptor {
        gauge("pooltop_server_max_connections", "The server's max_connections.")
    }

    private static func gauge(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }

    private static func counter(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "total", helpText: help)
    }

    private static func seconds(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "seconds", helpText: help)
    }
}
