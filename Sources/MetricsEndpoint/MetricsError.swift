/// Why the metrics endpoint could not be served.
public enum MetricsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Binding or listening failed: `reason` is the system's ("Address already in use").
    case cannotListen(address: MetricsAddress, reason: String)

    public var description: String {
        switch self {
        case .cannotListen(let address, let reason): return "--metrics \(address): cannot listen: \(reason)"
        }
    }
}
