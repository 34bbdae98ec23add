/// What a `FaultProxy` does with the bytes and connections it carries; switched at runtime.
public enum ProxyMode: Sendable, Equatable {
    /// Carries bytes both ways.
    case forward
    /// A stalled network: no byte moves either way, every socket stays open. New connections are
    /// accepted and connected to the target, their bytes held too. `forward` lets everything through.
    case freeze
    /// A dropped route: new connections are accepted and never answered (the target never sees
    /// them), existing ones are frozen. `forward` connects the waiting ones to the target.
    case blackHole
    /// Resets every proxied connection (RST both ways), and each new one as soon as it is accepted.
    case cut
    /// Stops listening: connects are refused. Established connections carry on. `forward` listens
    /// again on the same port.
    case refuse
}
